// The sweep's server-sent events: EventSource reconnects by itself (with Last-Event-ID); when it gives up
// (a restarted or failing server answers with an error, readyState CLOSED) we re-fetch the whole sweep and
// open a new stream after its sequence, retrying with a growing delay until the server answers.
import { api } from '../api.js';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10000;

export class LiveStream {
  /**
   * @param {string} sweepId
   * @param {{update: Function, reset: Function, end: Function, state: Function}} handlers
   */
  constructor(sweepId, handlers) {
    this.sweepId = sweepId;
    this.handlers = handlers;
    this.source = null;
    this.timer = null;
    this.failures = 0;
    this.sequence = null;
    this.stopped = false;
  }

  start(after) {
    this.sequence = after;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  open() {
    const source = new EventSource(api.eventsUrl(this.sweepId, this.sequence));
    this.source = source;
    this.handlers.state(this.failures === 0 && this.sequence !== null ? 'connecting' : 'reconnecting');
    source.addEventListener('open', () => {
      this.failures = 0;
      this.handlers.state('live');
    });
    source.addEventListener('update', (event) => {
      const data = JSON.parse(event.data);
      this.sequence = data.sequence ?? this.sequence;
      this.handlers.update(data);
      this.handlers.state('live');
    });
    source.addEventListener('reset', (event) => {
      const detail = JSON.parse(event.data);
      this.sequence = detail.sequence ?? this.sequence;
      this.handlers.reset(detail);
      this.handlers.state('live');
    });
    source.addEventListener('end', (event) => {
      const data = JSON.parse(event.data);
      this.stop();
      this.handlers.end(data);
      this.handlers.state('finished');
    });
    source.addEventListener('error', () => {
      if (this.stopped || source !== this.source) return;
      this.handlers.state('reconnecting');
      if (source.readyState === EventSource.CLOSED) this.retryLater();
    });
  }

  retryLater() {
    this.source?.close();
    this.source = null;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.failures);
    this.failures++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.resume(), delay);
  }

  /** After the stream gave up: the sweep as the server has it now, then a stream from there on. */
  async resume() {
    if (this.stopped) return;
    try {
      const detail = await api.sweep(this.sweepId);
      if (this.stopped) return;
      this.sequence = detail.sequence ?? this.sequence;
      this.handlers.reset(detail);
      this.open();
    } catch {
      if (!this.stopped) this.retryLater();
    }
  }
}
