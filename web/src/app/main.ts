import { startApp } from './app.js';
import { createTetherClient } from '../client/index.js';
import { registerWorker } from './pwa/register-worker.js';
import { basePath } from './route.js';
import { unsupportedView } from './views/unsupported-view.js';

// The page's entry point (bundled by web/scripts/build-app.mjs): the real device client, the app,
// and the app-shell service worker.
const root = document.getElementById('app');
if (root !== null) {
  createTetherClient().then(
    (client) => startApp(root, client),
    // The client reports what it lacks through `unsupported`; a throw here is unexpected, but the
    // page still says something rather than stay blank.
    () => root.replaceChildren(unsupportedView('The encryption could not be set up in this browser.').element),
  );
}
registerWorker(basePath(location.pathname));
