import { createTheme } from '@material-ui/core/styles';
import { fioriVariablesOf } from './themeVariables';

describe('fioriVariablesOf', () => {
  it("gives Luigi's modals the theme's surfaces, text and primary colour, light or dark", () => {
    const light = fioriVariablesOf(createTheme({ palette: { type: 'light', primary: { main: '#1f5493' } } }));
    const dark = fioriVariablesOf(createTheme({ palette: { type: 'dark', primary: { main: '#9cc9ff' } } }));
    expect(light['--sapGroup_ContentBackground']).toBe('#fff');
    expect(dark['--sapGroup_ContentBackground']).toBe('#424242');
    expect(dark['--sapTextColor']).toBe('#fff');
    expect(light['--sapButton_Emphasized_Background']).toBe('#1f5493');
    expect(dark['--sapButton_Emphasized_Background']).toBe('#9cc9ff');
    expect(Object.keys(light).every(name => name.startsWith('--sap'))).toBe(true);
  });
});
