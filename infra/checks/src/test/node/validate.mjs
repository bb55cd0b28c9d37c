// Validates every document of the given YAML files against the Kubernetes, KEDA and
// prometheus-operator schemas (npm kubernetes-models and its @kubernetes-models packages).
// Usage: node validate.mjs FILE...   Prints one line per document; exit 1 if any is invalid or
// of an apiVersion/kind no schema here covers (an unknown kind is a failure, not a pass).
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const groups = {
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const base = groups[group] ?? (group === "" ? "kubernetes-models" : `kubernetes-models/${group}`);
  let mod;
  try {
    mod = await import(`${base}/${version}`);
  } catch (e) {
    throw new Error(`no schema for apiVersion ${apiVersion}`);
  }
  if (typeof mod[kind] !== "function") {
    throw new Error(`no schema for ${apiVersion} ${kind}`);
  }
  return mod[kind];
}

let failed = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  const docs = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d != null);
  for (const doc of docs) {
    count++;
    const what = `${file}: ${doc.apiVersion} ${doc.kind} ${doc.metadata?.name ?? "(no name)"}`;
    try {
      const Model = await modelFor(doc.apiVersion, doc.kind);
      new Model(doc).validate();
      console.log(`ok      ${what}`);
    } catch (e) {
      failed++;
      console.log(`INVALID ${what}: ${e.message}`);
    }
  }
}
console.log(`${count} documents, ${failed} invalid`);
process.exit(failed > 0 || count === 0 ? 1 : 0);
