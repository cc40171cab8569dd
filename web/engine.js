// storydiff page — the client side of the engine worker (worker.js): requests with promises,
// and cancellation by replacing the worker (a running compare cannot be interrupted otherwise).

// The page's Content-Security-Policy requires Trusted Types for script URLs: this policy only
// lets the page start workers from its own origin.
const policy =
  typeof trustedTypes !== 'undefined'
    ? trustedTypes.createPolicy('storydiff', {
        createScriptURL(url) {
          const parsed = new URL(url, location.href);
          if (parsed.origin !== location.origin) throw new TypeError(`refusing a worker from ${parsed.origin}`);
          return parsed.href;
        },
      })
    : null;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export class Engine {
  /** `onStatus({ ready, version, defaults, error })` hears about the worker's state. */
  constructor(onStatus) {
    this.onStatus = onStatus;
    this.url = new URL('./worker.js', import.meta.url).href;
    this.nextId = 1;
    this.pending = new Map();
    this.busy = 0;
    this.spawn();
  }

  spawn() {
    this.failed = null;
    const url = policy ? policy.createScriptURL(this.url) : this.url;
    const worker = new Worker(url, { type: 'module', name: 'storydiff engine' });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.ready.catch(() => {});
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === 'ready') {
        this.info = { version: msg.version, defaults: msg.defaults };
        this.readyResolve(this.info);
        this.onStatus({ ready: true, ...this.info });
        return;
      }
      if (msg.type === 'fatal') {
        this.failed = msg.error;
        this.readyReject(msg.error);
        this.onStatus({ error: msg.error });
        return;
      }
      const entry = this.pending.get(msg.id);
      if (!entry) return;
      this.pending.delete(msg.id);
      if (msg.ok) entry.resolve(msg);
      else entry.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = { code: 'internal', message: `the engine worker failed: ${event.message || 'could not load'}` };
      this.failed = error;
      this.readyReject(error);
      for (const entry of this.pending.values()) entry.reject(Object.assign(new Error(error.message), error));
      this.pending.clear();
      this.onStatus({ error });
    };
  }

  /** Sends a request; resolves with the worker's answer. */
  request(message, transfer = []) {
    const id = this.nextId++;
    if (this.failed) return Promise.reject(Object.assign(new Error(this.failed.message), this.failed));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Stops whatever the worker is doing: every pending request rejects with Cancelled. */
  restart() {
    this.worker.terminate();
    for (const entry of this.pending.values()) entry.reject(new Cancelled());
    this.pending.clear();
    this.spawn();
  }

  get running() {
    return this.pending.size > 0;
  }
}
