// How a server started from the command line is asked to stop: Ctrl-C or a supervisor's SIGTERM.

/** Resolves on SIGINT or SIGTERM. */
export function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
