// The one place the demo gets its mock providers from.
export { startMockProvider } from "./example-server.mjs";
