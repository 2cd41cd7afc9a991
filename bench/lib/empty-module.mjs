// Intentionally empty: the CLI start stage times Node loading one ES module that does nothing, the floor under any
// command-line tool written as ES modules.
