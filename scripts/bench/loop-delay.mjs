// Loaded into the hall by the benchmark (node --import): reports the event loop's delay since the
// last question over the IPC channel, so "heavy jobs" can be told apart from a stalled loop.
import { monitorEventLoopDelay } from "node:perf_hooks";

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on("message", (message) => {
  if (message !== "loop-delay") return;
  process.send?.({ maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 });
  histogram.reset();
});
