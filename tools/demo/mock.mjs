// The one place the demo gets its mock providers from: the same spec-driven Prism mock the contract tests use.
export { startMockProvider } from "@modelfleet/mock-server";
