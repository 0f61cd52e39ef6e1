/**
 * A TetherClient that does what the test tells it, in memory, inside the page: the Chromium tests
 * drive it through `window.tetherTest` (page.evaluate) and read back what the app sent. Test code only.
 */
import type {
  ConnectionState,
  DeviceMessage,
  DeviceSession,
  HostMessage,
  PairedHostInfo,
  PairingProgress,
  PairingResult,
  SessionEnd,
  SessionEvents,
  TetherClient,
} from '../../src/client/api.js';

/** What a test sets up before the page loads (page.addInitScript puts it on window.__tetherScript). */
export interface ScriptConfig {
  readonly unsupported?: string;
  readonly hosts?: readonly PairedHostInfo[];
  readonly presence?: Readonly<Record<string, 'online' | 'offline' | 'unknown'>>;
  readonly transcripts?: Readonly<Record<string, readonly HostMessage[]>>;
}

export class ScriptedClient implements TetherClient {
  readonly unsupported: string | null;
  readonly sent: DeviceMessage[] = [];
  readonly pairCalls: { link: string; deviceName: string }[] = [];
  readonly opened: string[] = [];
  closed = 0;
  private hostList: PairedHostInfo[];
  private readonly config: ScriptConfig;
  private events: SessionEvents | null = null;
  private pairing: { progress: (p: PairingProgress) => void; finish: (r: PairingResult) => void } | null = null;

  constructor(config: ScriptConfig) {
    this.config = config;
    this.unsupported = config.unsupported ?? null;
    this.hostList = [...(config.hosts ?? [])];
  }

  // ---- TetherClient ----

  async hosts(): Promise<readonly PairedHostInfo[]> {
    return this.hostList;
  }

  async presence(host: PairedHostInfo): Promise<'online' | 'offline' | 'unknown'> {
    return this.config.presence?.[host.id] ?? 'unknown';
  }

  pair(link: string, deviceName: string, progress: (p: PairingProgress) => void): Promise<PairingResult> {
    this.pairCalls.push({ link, deviceName });
    return new Promise((finish) => (this.pairing = { progress, finish }));
  }

  async forget(hostId: string): Promise<void> {
    this.hostList = this.hostList.filter((host) => host.id !== hostId);
  }

  async transcript(hostId: string): Promise<readonly HostMessage[]> {
    return this.config.transcripts?.[hostId] ?? [];
  }

  async open(hostId: string, events: SessionEvents): Promise<DeviceSession> {
    const host = this.hostList.find((h) => h.id === hostId);
    if (host === undefined) throw new Error('not paired');
    this.opened.push(hostId);
    this.events = events;
    return {
      host,
      send: (message) => this.sent.push(message),
      close: () => {
        this.closed++;
        this.events = null;
      },
    };
  }

  // ---- what the test drives ----

  get connected(): boolean {
    return this.events !== null;
  }

  emit(...messages: HostMessage[]): void {
    for (const message of messages) this.session().message(message);
  }

  state(state: ConnectionState): void {
    this.session().state(state);
  }

  streamEnded(text: string): void {
    this.session().streamEnded(text);
  }

  end(end: SessionEnd): void {
    this.session().ended(end);
  }

  get pairing_started(): boolean {
    return this.pairing !== null;
  }

  pairProgress(progress: PairingProgress): void {
    this.pairing?.progress(progress);
  }

  pairFinish(result: PairingResult): void {
    if (result.ok) this.hostList.push(result.host);
    this.pairing?.finish(result);
    this.pairing = null;
  }

  private session(): SessionEvents {
    if (this.events === null) throw new Error('no session is open');
    return this.events;
  }
}
