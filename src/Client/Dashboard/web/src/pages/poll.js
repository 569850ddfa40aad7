// Runs load now and then every intervalMs, never two at once; a failure is shown and retried on the next tick.
export function poll(load, intervalMs, onError) {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try { await load(); } catch (error) { onError(error); } finally { busy = false; }
  };
  tick();
  return setInterval(tick, intervalMs);
}
