// The header's live-stream indicator (#connection): text and data-state the browser tests read.
const texts = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', finished: 'finished' };

export function setConnection(state) {
  const node = document.getElementById('connection');
  if (!node) return;
  node.hidden = false;
  node.dataset.state = state;
  node.textContent = texts[state] ?? state;
}
