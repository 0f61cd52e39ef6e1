/**
 * The TypeScript device against the real C# host: `tether run --agent echo` (relay embedded on
 * loopback), paired through the real pairing exchange (a wrong code first, then the digits this
 * client reports, typed into the host's stdin), then a session with the device rekeying every three
 * records: prompts, an approval, a dropped socket that resumes, a page reload that resumes from
 * storage, and `tether devices revoke` ending it.
 *
 * Needs the C# build:  dotnet build Tether.sln   (from the repository root; or set TETHER_DLL)
 * Needs a WebSocket: Node 22+, or Node 20 with --experimental-websocket (this file re-runs itself
 * with that flag when it is missing).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import type { PairingProgress } from '../../src/client/api.js';
import { answerFor, createTetherClient, MemoryStore } from '../../src/client/index.js';
import { platformWebSocket, type WebSocketFactory, type WebSocketLike } from '../../src/client/relay/websocket.js';
import { SessionProbe } from './support/session-probe.js';
import { freePort, TetherProcess, tetherBuilt, tetherDll, TetherUser } from './support/tether-process.js';

const skip = tetherBuilt() ? false : `the C# build is missing (${tetherDll}); run \`dotnet build Tether.sln\` in the repository root`;

if (typeof WebSocket === 'undefined') {
  describe('interop with the C# host (re-run with --experimental-websocket)', () => {
    it('passes in a Node process that has WebSocket', { skip, timeout: 300_000 }, () => {
      // Without NODE_TEST_CONTEXT the child reports on its own instead of to a parent test runner.
      const env = { ...process.env };
      delete env['NODE_TEST_CONTEXT'];
      const args = ['--experimental-websocket', '--no-warnings', '--test', '--test-reporter=spec', fileURLToPath(import.meta.url)];
      const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
      assert.equal(run.status, 0, 'the interop run failed; its output is above');
    });
  });
} else {
  describe('the web client against the real C# host', { skip, timeout: 240_000 }, () => {
    it('pairs with typed digits, talks to the echo agent, resumes after a drop and a reload, and is revoked', async () => {
      const workstation = new TetherUser();
      const host = TetherProcess.start(workstation, 'run', '--agent', 'echo', '--port', String(await freePort()));
      const sockets: WebSocketLike[] = [];
      const outgoing: Uint8Array[] = [];
      const webSocket: WebSocketFactory = (url, protocol) => {
        const socket = platformWebSocket(url, protocol);
        const send = socket.send.bind(socket);
        // Everything the relay is given, to check that no prompt crosses it in the clear (invariant 1).
        socket.send = (data) => {
          outgoing.push(new Uint8Array(data));
          send(data);
        };
        sockets.push(socket);
        return socket;
      };
      const warnings: string[] = [];
      const log = { warn: (line: string) => warnings.push(line) };
      try {
        // ---- pairing: the host offers a link at once (no device yet) and asks for the code itself
        const link = (await host.waitForLine('pairing link: ')).split('pairing link: ')[1]!.trim();
        const store = new MemoryStore();
        // The device rekeys every 3 records, so the C# host must follow its REKEYs (§5) all along.
        const rekey = { maxRecords: 3 };
        const client = await createTetherClient({ store, webSocket, log, rekey });
        assert.equal(client.unsupported, null);
        const stages: PairingProgress[] = [];
        let typing: Promise<void> = Promise.resolve();
        const result = await client.pair(link, 'web-device', (p) => {
          stages.push(p);
          if (p.stage === 'code') {
            typing = (async () => {
              // A wrong code first: the host says so (pair.retry) and asks again.
              const wrong = `${(Number(p.digits[0]) + 1) % 10}${p.digits.slice(1)}`;
              await host.waitForLine('Type the 8 digits');
              host.writeLine(wrong);
              await host.waitForLine('Type the 8 digits');
              host.writeLine(`${p.digits.slice(0, 4)} ${p.digits.slice(4)}`);
              await host.waitForLine('Name this device');
              host.writeLine('');
            })();
          }
        });
        await typing;
        assert.ok(result.ok, `pairing failed: ${JSON.stringify(result)}`);
        await host.waitForLine('Paired');
        assert.deepEqual(stages.map((s) => s.stage), ['connecting', 'code', 'retry', 'saving']);
        const code = stages[1]!.stage === 'code' ? stages[1]!.digits : '';
        assert.deepEqual(stages[2], { stage: 'retry', digits: code, attemptsLeft: 2 });
        const paired = result.host;
        assert.match(paired.id, /^[0-9a-f]{32}$/);
        assert.equal(paired.deviceName, 'web-device');
        assert.deepEqual((await client.hosts()).map((h) => h.id), [paired.id]);
        assert.equal(await client.presence(paired), 'online');

        // ---- a session: session.info first, a prompt and its echo, an approval round trip
        const probe = new SessionProbe();
        const session = await client.open(paired.id, probe);
        await probe.until('online', () => (probe.states.includes('online') ? true : undefined));
        const info = await probe.nextOfType('session.info', 0);
        assert.equal(info.index, 0, 'session.info is the first message of a stream');
        assert.equal(info.message.device, 'web-device');

        let from = probe.messages.length;
        session.send({ type: 'prompt', text: 'hello from the browser' });
        assert.equal(await probe.turnText(from), 'echo: hello from the browser');

        from = probe.messages.length;
        session.send({ type: 'prompt', text: 'ask: may I?' });
        const { message: request } = await probe.nextOfType('approval.request', from);
        assert.equal(request.tool, 'Echo');
        session.send(await answerFor(request, 'allow'));
        const { message: resolved } = await probe.nextOfType('approval.resolved', from);
        assert.equal(resolved.decision, 'allow');
        assert.equal(resolved.by, 'device');
        assert.equal(await probe.turnText(from), 'echo: may I?');

        // ---- the socket drops: the client reconnects and resumes the same stream, nothing repeated
        const onlineBefore = probe.states.filter((s) => s === 'online').length;
        sockets.at(-1)!.close();
        await probe.until('online again', () => (probe.states.filter((s) => s === 'online').length > onlineBefore ? true : undefined));
        from = probe.messages.length;
        session.send({ type: 'prompt', text: 'after the drop' });
        assert.equal(await probe.turnText(from), 'echo: after the drop');
        assert.deepEqual(probe.streamEnds, [], 'a drop resumes the stream');
        assert.equal(probe.messages.filter((m) => m.type === 'session.info').length, 1, 'no message is delivered twice');

        // ---- a page reload: a new client on the same storage resumes from the transcript
        const seen = probe.messages.length;
        session.close();
        const reloaded = await createTetherClient({ store, webSocket, log, rekey });
        const transcript = await reloaded.transcript(paired.id);
        assert.deepEqual(transcript, probe.messages, 'the transcript holds every message received');
        const after = new SessionProbe();
        const resumed = await reloaded.open(paired.id, after);
        await after.until('online after reload', () => (after.states.includes('online') ? true : undefined));
        resumed.send({ type: 'prompt', text: 'after the reload' });
        assert.equal(await after.turnText(0), 'echo: after the reload');
        assert.deepEqual(after.streamEnds, [], 'a reload resumes the same stream');
        assert.equal(after.messages.filter((m) => m.type === 'session.info').length, 0, 'nothing from before the reload comes again');
        assert.equal((await reloaded.transcript(paired.id)).length, seen + after.messages.length);

        // ---- revocation ends the session for good, with the reason
        const revoke = TetherProcess.start(workstation, 'devices', 'revoke', 'web-device');
        assert.equal(await revoke.waitForExit(), 0, revoke.output);
        const end = await after.until('ended', () => after.ends[0]);
        assert.equal(end.reason, 'revoked');
        assert.match(end.message, /revoked/);
        assert.ok(!warnings.some((w) => w.includes('security')), `no security event: ${warnings.join('\n')}`);
        const secret = Buffer.from('hello from the browser');
        assert.ok(outgoing.length > 10);
        assert.ok(outgoing.every((frame) => Buffer.from(frame).indexOf(secret) < 0), 'the relay never saw a prompt in the clear');
      } finally {
        await host.stop().catch(() => undefined);
        workstation.dispose();
      }
    });
  });
}
