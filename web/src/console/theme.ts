import type { ThemeConfig } from 'antd';

/**
 * antd's defaults put several text colours under WCAG AA (4.5:1): white on #1677ff is 4.1:1, the
 * "description" grey 3.4:1, white on the red badge 3.3:1. These tokens keep the look and pass. The
 * hover shades antd derives from the primary colour are lighter (a hovered link 2.8:1 on white), so
 * hover goes darker instead.
 */
export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorPrimaryHover: '#003eb3',
    colorError: '#c41d1d',
    colorWarning: '#ad4e00',
    colorSuccess: '#237804',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.57)',
    borderRadius: 6,
  },
  components: {
    Layout: { siderBg: '#0b1f3a', headerBg: '#ffffff', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0b1f3a', darkSubMenuItemBg: '#0b1f3a', darkItemColor: 'rgba(255, 255, 255, 0.85)' },
  },
};
