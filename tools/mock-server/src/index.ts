export { type AdaptedSpec, adaptSpecForPrism } from "./adapt-spec.js";
export { bundleFileRefs } from "./bundle-refs.js";
export { type MockProvider, type MockProviderOptions, startMockProvider } from "./start.js";
export { startMockProviders } from "./start-many.js";
