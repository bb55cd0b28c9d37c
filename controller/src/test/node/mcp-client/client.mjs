// Drives /mcp with the official MCP TypeScript SDK client, as an assistant would:
// node client.mjs <mcp url> <api key> <new job name>. Prints one JSON line of what it saw;
// any protocol failure throws, and the non-zero exit fails TypeScriptSdkClientTest.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, key, jobName] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: 'kronforce-ts-test', version: '1.0.0' });
await client.connect(transport);

const tools = (await client.listTools()).tools;
const created = await client.callTool({
  name: 'create_job',
  arguments: { name: jobName, task: { type: 'shell', command: 'echo hello from node' }, schedule: { type: 'on_demand' } },
});
if (created.isError) throw new Error(`create_job: ${created.content[0].text}`);
const jobId = created.structuredContent.id;
const triggered = await client.callTool({ name: 'trigger_job', arguments: { id: jobId } });
const executionId = triggered.structuredContent.execution_id;

let output;
for (let i = 0; i < 200; i++) {
  output = (await client.callTool({ name: 'get_execution_output', arguments: { id: executionId } })).structuredContent;
  if (['succeeded', 'failed', 'timed_out', 'cancelled', 'skipped'].includes(output.status)) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const resource = await client.readResource({ uri: `kronforce://jobs/${jobId}` });
const prompt = await client.getPrompt({ name: 'create_job', arguments: { request: 'rotate logs hourly' } });
const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} }).then(() => 'answered', (e) => e.code);
const sessionId = transport.sessionId;
const protocolVersion = transport.protocolVersion;
await transport.terminateSession();
await client.close();

console.log(JSON.stringify({
  protocolVersion,
  sessionId,
  tools: tools.map((t) => t.name),
  createdText: created.content[0].text,
  jobId,
  status: output.status,
  stdout: output.stdout,
  resourceMime: resource.contents[0].mimeType,
  resourceJobName: JSON.parse(resource.contents[0].text).name,
  promptText: prompt.messages[0].content.text,
  unknownToolError: unknown,
}));
