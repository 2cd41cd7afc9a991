// The one place the demo gets its mock providers from: the same spec-driven Prism mocks the contract tests use.
export { startMockProviders } from "@modelfleet/mock-server";
