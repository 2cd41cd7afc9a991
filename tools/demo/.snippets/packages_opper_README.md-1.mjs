import { createOpperClient } from "@modelfleet/opper";
const client = createOpperClient();
const { revisions } = await client.listRevisions({ name: "support/classify-intent" });
const previous = revisions.find((r) => !r.is_current);
if (previous) await client.revertRevision({ name: "support/classify-intent", revisionID: previous.revision_id });
