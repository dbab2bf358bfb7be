import type { Theme } from '@material-ui/core/styles';

/**
 * Luigi's own parts (confirmation modals, modal and drawer frames, backdrops, the loading
 * indicator) are styled by Fiori's CSS variables. These are the Backstage theme's colours, type and
 * shape under Fiori's names, set on the Luigi host element, so those parts follow the portal's
 * theme, light or dark, instead of Fiori's.
 */
export function fioriVariablesOf(theme: Theme): Record<string, string> {
  const { palette, typography, shape } = theme;
  const radius = `${shape.borderRadius}px`;
  const font = typography.fontFamily ?? 'inherit';
  return {
    '--sapFontFamily': font,
    '--sapFontHeaderFamily': font,
    '--sapButton_FontFamily': font,
    '--sapButton_Emphasized_FontFamily': font,
    '--sapTextColor': palette.text.primary,
    '--sapContent_LabelColor': palette.text.secondary,
    '--sapContent_IconColor': palette.text.secondary,
    '--sapBackgroundColor': palette.background.default,
    '--sapGroup_ContentBackground': palette.background.paper,
    '--sapPageHeader_Background': palette.background.paper,
    '--sapPageFooter_Background': palette.background.paper,
    '--sapPageFooter_TextColor': palette.text.primary,
    '--sapPageFooter_BorderColor': palette.divider,
    '--sapShell_BorderColor': palette.divider,
    '--sapList_Background': palette.background.paper,
    '--sapList_BorderColor': palette.divider,
    '--sapElement_BorderCornerRadius': radius,
    '--sapButton_BorderCornerRadius': radius,
    '--sapButton_Background': palette.background.paper,
    '--sapButton_BorderColor': palette.primary.main,
    '--sapButton_TextColor': palette.primary.main,
    '--sapButton_Hover_Background': palette.action.hover,
    '--sapButton_Hover_BorderColor': palette.primary.main,
    '--sapButton_Hover_TextColor': palette.primary.main,
    '--sapButton_Active_Background': palette.action.selected,
    '--sapButton_Active_BorderColor': palette.primary.main,
    '--sapButton_Active_TextColor': palette.primary.main,
    '--sapButton_Lite_Background': 'transparent',
    '--sapButton_Lite_BorderColor': 'transparent',
    '--sapButton_Lite_TextColor': palette.primary.main,
    '--sapButton_Lite_Hover_Background': palette.action.hover,
    '--sapButton_Lite_Hover_BorderColor': 'transparent',
    '--sapButton_Lite_Hover_TextColor': palette.primary.main,
    '--sapButton_Emphasized_Background': palette.primary.main,
    '--sapButton_Emphasized_BorderColor': palette.primary.main,
    '--sapButton_Emphasized_TextColor': palette.primary.contrastText,
    '--sapButton_Emphasized_Hover_Background': palette.primary.dark,
    '--sapButton_Emphasized_Hover_BorderColor': palette.primary.dark,
    '--sapButton_Emphasized_Hover_TextColor': palette.primary.contrastText,
    '--sapButton_Emphasized_Active_Background': palette.primary.dark,
    '--sapButton_Emphasized_Active_BorderColor': palette.primary.dark,
    '--sapButton_Emphasized_Active_TextColor': palette.primary.contrastText,
    '--sapContent_FocusColor': palette.primary.main,
    '--sapNegativeElementColor': palette.error.main,
    '--sapCriticalElementColor': palette.warning.main,
    '--sapPositiveElementColor': palette.success.main,
    '--sapInformativeElementColor': palette.info.main,
    '--sapNeutralElementColor': palette.text.secondary,
  };
}
