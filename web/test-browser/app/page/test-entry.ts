/**
 * The page the Chromium tests load: the real app, bundled and served exactly like dist/ (same
 * build script, same CSP), but given a ScriptedClient instead of the device client.
 */
import { startApp } from '../../../src/app/app.js';
import { ScriptedClient, type ScriptConfig } from '../scripted-client.js';

const scripted = window as unknown as { __tetherScript?: ScriptConfig; tetherTest?: ScriptedClient };
const client = new ScriptedClient(scripted.__tetherScript ?? {});
scripted.tetherTest = client;
const root = document.getElementById('app');
if (root !== null) startApp(root, client);
