import { createHuggingFaceClient } from "@modelfleet/huggingface";
const client = createHuggingFaceClient();
