let cursor;
do {
  const page = await client.listDeployments({ cursor });
  for (const deployment of page.results ?? []) console.log(deployment.owner, deployment.name, deployment.current_release?.number);
  cursor = page.next ? new URL(page.next).searchParams.get("cursor") ?? void 0 : void 0;
} while (cursor);
