// luigi.js is a side-effect-only script: importing it sets window.Luigi and exports nothing.
declare module '@luigi-project/core/luigi.js';
