// @ts-check
// A Docusaurus site's configuration: quipu reads its i18n block as text.

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Field Notes',
  url: 'https://notes.example.org',
  baseUrl: '/',
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'es'],
    localeConfigs: {
      es: {label: 'Español', htmlLang: 'es-PE'},
    },
  },
  presets: [
    [
      'classic',
      {
        docs: {sidebarPath: './sidebars.js'},
      },
    ],
  ],
};

module.exports = config;
