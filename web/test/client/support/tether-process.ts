import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../../support/paths.js';

/**
 * The real `tether` command line (C#) as a child process, as tests/Tether.Cli.Tests/Support does it:
 * its own config and runtime directories (a user of its own, as far as Tether can tell) and a
 * project directory, its output read line by line.
 *
 * Build it first, once, from the repository root:  dotnet build Tether.sln
 */
export const tetherDll = resolve(process.env['TETHER_DLL'] ?? join(repoRoot, 'src/Tether.Cli/bin/Debug/net10.0/tether.dll'));

export function tetherBuilt(): boolean {
  return existsSync(tetherDll);
}

/** One person's Tether state: config, runtime and project directories under one temporary directory. */
export class TetherUser {
  readonly home = mkdtempSync(join(tmpdir(), 'tether-web-e2e-'));
  readonly configHome = join(this.home, 'config');
  readonly runtimeDir = join(this.home, 'run');
  readonly project = join(this.home, 'project');

  constructor() {
    mkdirSync(this.configHome);
    mkdirSync(this.runtimeDir, { mode: 0o700 });
    mkdirSync(this.project);
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

export class TetherProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  #all = '';
  #wake: (() => void) | null = null;
  #exited: Promise<number>;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.#child = child;
    this.#pump(child.stdout, '');
    this.#pump(child.stderr, 'stderr: ');
    this.#exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code ?? -1)));
  }

  static start(user: TetherUser, ...args: string[]): TetherProcess {
    const child = spawn('dotnet', [tetherDll, ...args], {
      cwd: user.project,
      env: { ...process.env, XDG_CONFIG_HOME: user.configHome, XDG_RUNTIME_DIR: user.runtimeDir, NO_COLOR: '1', TERM: 'dumb' },
    });
    return new TetherProcess(child);
  }

  get output(): string {
    return this.#all;
  }

  writeLine(line: string): void {
    this.#child.stdin.write(`${line}\n`);
  }

  /** The next output line containing `text`; lines before it are skipped. */
  async waitForLine(text: string, withinMs = 30_000): Promise<string> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const index = this.#lines.findIndex((l) => l.includes(text));
      if (index >= 0) return this.#lines.splice(0, index + 1)[index]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line with ${JSON.stringify(text)} within ${withinMs} ms; output so far:\n${this.#all}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.#wake = () => {
          clearTimeout(timer);
          r();
        };
      });
    }
  }

  waitForExit(withinMs = 30_000): Promise<number> {
    return Promise.race([this.#exited, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no exit within ${withinMs} ms; output:\n${this.#all}`)), withinMs).unref())]);
  }

  /** SIGTERM (what Ctrl-C does), then the exit code. */
  async stop(): Promise<number> {
    if (this.#child.exitCode === null) this.#child.kill('SIGTERM');
    return this.waitForExit();
  }

  #pump(stream: NodeJS.ReadableStream, prefix: string): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      partial += chunk;
      let newline: number;
      while ((newline = partial.indexOf('\n')) >= 0) {
        const line = prefix + partial.slice(0, newline);
        partial = partial.slice(newline + 1);
        this.#all += `${line}\n`;
        this.#lines.push(line);
        this.#wake?.();
      }
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
