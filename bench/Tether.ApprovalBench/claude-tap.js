#!/usr/bin/env node
// Sits between the driver and the real claude, passing every byte through unchanged, and writes to
// the file in TETHER_TAP_LOG one line per can_use_tool seen on claude's stdout and per
// control_response seen on claude's stdin: "out|in <request_id> <hrtime ns>". So the benchmark
// measures at claude's own pipes, the same way for every configuration.
const { spawn } = require('child_process');
const fs = require('fs');
const log = process.env.TETHER_TAP_LOG ? fs.openSync(process.env.TETHER_TAP_LOG, 'a') : null;
const child = spawn(process.env.TETHER_TAP_CLAUDE, process.argv.slice(2), { stdio: ['pipe', 'pipe', 'inherit'] });
const note = (dir, line) => {
  if (!log) return;
  const m = /"request_id":"([^"]+)"/.exec(line);
  if (m && (dir === 'out' ? line.includes('"can_use_tool"') : line.includes('"control_response"'))) {
    fs.writeSync(log, `${dir} ${m[1]} ${process.hrtime.bigint()}\n`);
  }
};
const lines = (stream, dir, sink) => {
  let rest = '';
  stream.on('data', chunk => {
    sink.write(chunk);
    rest += chunk.toString('utf8');
    let i;
    while ((i = rest.indexOf('\n')) >= 0) { note(dir, rest.slice(0, i)); rest = rest.slice(i + 1); }
  });
  stream.on('end', () => sink.end());
};
lines(process.stdin, 'in', child.stdin);
lines(child.stdout, 'out', process.stdout);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.on('SIGTERM', () => child.kill('SIGTERM'));
