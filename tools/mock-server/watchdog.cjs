// Preloaded into the Prism process (same PID) by @modelfleet/mock-server. The parent holds the write end of
// this process's stdin; when the parent goes away for any reason (even SIGKILL, which runs no exit handler),
// stdin ends and Prism exits with it instead of lingering on its port.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
