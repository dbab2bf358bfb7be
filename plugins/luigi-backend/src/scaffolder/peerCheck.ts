// Imported first by the entry point, before anything loads the scaffolder's node library.
import { assertOptionalPeer } from '../optionalPeer';

assertOptionalPeer('scaffolder', '@backstage/plugin-scaffolder-node');
