// A small, dependency-light implementation of the part of Kustomize that deploy/ uses, for machines that have
// neither `kustomize` nor `kubectl kustomize` (Kustomize is not packaged by Debian 12, nor by npm).
//
// Supported kustomization fields: resources (files and directories), namespace, labels (pairs,
// includeSelectors: false, includeTemplates), images (name, newName, newTag, digest), configMapGenerator
// (literals, envs; behavior create|merge|replace; name hash suffix exactly as Kustomize computes it, with the
// references in pod templates updated), patches (strategic merge, from `path` or `patch`, target taken from
// the patch itself or from `target`). Anything else fails loudly rather than rendering something different.
// When kubectl is present, validate.mjs renders with both and requires identical objects.
//
// Usage: node kustomize-lite.mjs DIR   → the rendered YAML on stdout.

import { readFileSync, statSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images", "configMapGenerator", "patches", "metadata"]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
  "StorageClass", "PriorityClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService",
  "ClusterTriggerAuthentication", "IngressClass", "RuntimeClass", "CSIDriver", "VolumeSnapshotClass"]);
const WORKLOAD_TEMPLATE_KINDS = new Set(["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"]);
// Kustomize's "legacy" output order.
const KIND_ORDER = ["Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
  "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange",
  "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget"];
const KIND_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
// Strategic-merge keys of the lists deploy/ patches (Kubernetes' patchMergeKey); other lists are replaced.
const MERGE_KEYS = { containers: "name", initContainers: "name", ephemeralContainers: "name", env: "name", volumes: "name",
  volumeMounts: "mountPath", ports: "containerPort", imagePullSecrets: "name", hostAliases: "ip", topologySpreadConstraints: "topologyKey" };

class KustomizeError extends Error {}

function readYamlDocs(file) {
  const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"));
  const out = [];
  for (const d of docs) {
    if (d.errors.length) throw new KustomizeError(`${file}: ${d.errors[0].message}`);
    const v = d.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function findKustomization(dir) {
  for (const n of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const p = path.join(dir, n);
    if (existsSync(p)) return p;
  }
  throw new KustomizeError(`${dir}: no kustomization.yaml`);
}

const idOf = (r) => `${r.kind}/${r.metadata?.namespace ? r.metadata.namespace + "/" : ""}${r.metadata?.name}`;
const groupOf = (apiVersion) => (apiVersion?.includes("/") ? apiVersion.split("/")[0] : "");

// --- generators -------------------------------------------------------------------------------------------

function parseEnvLines(text, where) {
  const data = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const i = line.indexOf("=");
    if (i <= 0) throw new KustomizeError(`${where}: '${line}' is not KEY=VALUE`);
    data[line.slice(0, i)] = line.slice(i + 1);
  }
  return data;
}

function generatorData(gen, dir) {
  const data = {};
  for (const lit of gen.literals ?? []) Object.assign(data, parseEnvLines(lit, `configMapGenerator ${gen.name}`));
  for (const envFile of gen.envs ?? []) Object.assign(data, parseEnvLines(readFileSync(path.join(dir, envFile), "utf8"), envFile));
  for (const key of Object.keys(gen)) {
    if (!["name", "literals", "envs", "behavior", "namespace"].includes(key)) {
      throw new KustomizeError(`configMapGenerator ${gen.name}: '${key}' is not supported by kustomize-lite`);
    }
  }
  return data;
}

// Go's json.Marshal with sorted keys and HTML escaping, as Kustomize's hasher uses.
function goJson(value) {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  }
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  return `{${Object.keys(value).sort().map((k) => `${goJson(k)}:${goJson(value[k])}`).join(",")}}`;
}

// Kustomize's hasher (api/hasher) looks the name up as one path segment "metadata/name", which never matches:
// the name it hashes is always "" (its own tests expect {"data":…,"kind":"ConfigMap","name":""}).
function configMapHash(cm) {
  const m = { kind: "ConfigMap", name: "", data: cm.data ?? "" };
  if (cm.binaryData) m.binaryData = cm.binaryData;
  const hex = createHash("sha256").update(goJson(m)).digest("hex").slice(0, 10);
  return hex.replace(/[013ae]/g, (c) => ({ 0: "g", 1: "h", 3: "k", a: "m", e: "t" })[c]);
}

// --- strategic merge ----------------------------------------------------------------------------------------

function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

function strategicMerge(target, patch, key = "") {
  if (!isMap(target) || !isMap(patch)) return structuredClone(patch);
  const out = structuredClone(target);
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) throw new KustomizeError(`strategic-merge directive '${k}' is not supported by kustomize-lite`);
    if (v === null) { delete out[k]; continue; }
    if (Array.isArray(v) && Array.isArray(out[k]) && MERGE_KEYS[k]) {
      const mk = MERGE_KEYS[k];
      const merged = out[k].map((x) => structuredClone(x));
      for (const item of v) {
        const i = merged.findIndex((x) => isMap(x) && isMap(item) && x[mk] === item[mk]);
        if (i >= 0) merged[i] = strategicMerge(merged[i], item, k); else merged.push(structuredClone(item));
      }
      out[k] = merged;
    } else if (isMap(v) && isMap(out[k])) {
      out[k] = strategicMerge(out[k], v, k);
    } else {
      out[k] = structuredClone(v);
    }
  }
  return out;
}

function matchesTarget(r, t) {
  if (t.kind && t.kind !== r.kind) return false;
  if (t.name && t.name !== r.metadata?.name) return false;
  if (t.namespace && t.namespace !== r.metadata?.namespace) return false;
  if (t.group !== undefined && t.group !== groupOf(r.apiVersion)) return false;
  if (t.version && t.version !== r.apiVersion.split("/").pop()) return false;
  for (const k of Object.keys(t)) {
    if (!["kind", "name", "namespace", "group", "version"].includes(k)) throw new KustomizeError(`patch target '${k}' is not supported by kustomize-lite`);
  }
  return true;
}

function applyPatch(resources, entry, dir) {
  if (entry.options) throw new KustomizeError("patch options are not supported by kustomize-lite");
  const docs = entry.path ? readYamlDocs(path.join(dir, entry.path)) : YAML.parseAllDocuments(entry.patch).map((d) => d.toJS());
  for (const p of docs) {
    if (Array.isArray(p)) throw new KustomizeError(`${entry.path ?? "inline patch"}: JSON 6902 patches are not supported by kustomize-lite`);
    const target = entry.target ?? { kind: p.kind, name: p.metadata?.name, group: groupOf(p.apiVersion) };
    const hits = resources.filter((r) => matchesTarget(r, target));
    if (hits.length === 0) throw new KustomizeError(`${entry.path ?? "inline patch"}: no resource matches ${JSON.stringify(target)}`);
    for (const r of hits) {
      const body = structuredClone(p);
      if (entry.target) { delete body.apiVersion; delete body.kind; if (body.metadata) delete body.metadata.name; }
      const merged = strategicMerge(r, body);
      for (const k of Object.keys(r)) delete r[k];
      Object.assign(r, merged);
    }
  }
}

// --- transformers -------------------------------------------------------------------------------------------

function podSpecs(r) {
  const specs = [];
  if (WORKLOAD_TEMPLATE_KINDS.has(r.kind) && r.spec?.template?.spec) specs.push(r.spec.template.spec);
  if (r.kind === "CronJob" && r.spec?.jobTemplate?.spec?.template?.spec) specs.push(r.spec.jobTemplate.spec.template.spec);
  if (r.kind === "Pod" && r.spec) specs.push(r.spec);
  return specs;
}

function allContainers(spec) {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}

function applyLabels(resources, entries) {
  for (const e of entries ?? []) {
    for (const k of Object.keys(e)) {
      if (!["pairs", "includeSelectors", "includeTemplates"].includes(k)) throw new KustomizeError(`labels.${k} is not supported by kustomize-lite`);
    }
    if (e.includeSelectors) throw new KustomizeError("labels.includeSelectors: true is not supported by kustomize-lite (selectors are immutable; keep them explicit)");
    for (const r of resources) {
      r.metadata ??= {};
      r.metadata.labels = { ...(r.metadata.labels ?? {}), ...e.pairs };
      if (e.includeTemplates) {
        const templates = [];
        if (WORKLOAD_TEMPLATE_KINDS.has(r.kind) && r.spec?.template) templates.push(r.spec.template);
        if (r.kind === "CronJob" && r.spec?.jobTemplate) {
          templates.push(r.spec.jobTemplate);
          if (r.spec.jobTemplate.spec?.template) templates.push(r.spec.jobTemplate.spec.template);
        }
        for (const t of templates) {
          t.metadata ??= {};
          t.metadata.labels = { ...(t.metadata.labels ?? {}), ...e.pairs };
        }
      }
    }
  }
}

function applyImages(resources, images) {
  for (const img of images ?? []) {
    for (const k of Object.keys(img)) {
      if (!["name", "newName", "newTag", "digest"].includes(k)) throw new KustomizeError(`images.${k} is not supported by kustomize-lite`);
    }
    for (const r of resources) {
      for (const spec of podSpecs(r)) {
        for (const c of allContainers(spec)) {
          if (typeof c.image !== "string") continue;
          const m = /^(.*?)(?::([^:/@]+))?(?:@(.+))?$/.exec(c.image);
          if (m[1] !== img.name) continue;
          const name = img.newName ?? m[1];
          if (img.digest) c.image = `${name}@${img.digest}`;
          else if (img.newTag !== undefined) c.image = `${name}:${img.newTag}`;
          else c.image = `${name}${m[2] ? ":" + m[2] : ""}${m[3] ? "@" + m[3] : ""}`;
        }
      }
    }
  }
}

function applyNamespace(resources, ns) {
  if (!ns) return;
  for (const r of resources) {
    if (CLUSTER_SCOPED.has(r.kind)) continue;
    r.metadata ??= {};
    r.metadata.namespace = ns;
  }
}

// --- build --------------------------------------------------------------------------------------------------

function build(dir) {
  const kFile = findKustomization(dir);
  const k = readYamlDocs(kFile)[0] ?? {};
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new KustomizeError(`${kFile}: '${key}' is not supported by kustomize-lite`);
  }
  const resources = [];
  const generated = new Set(); // the generated ConfigMaps (objects), which get a hash suffix at the end
  for (const res of k.resources ?? []) {
    const p = path.join(dir, res);
    if (!existsSync(p)) throw new KustomizeError(`${kFile}: resource '${res}' does not exist`);
    if (statSync(p).isDirectory()) {
      const sub = build(p);
      resources.push(...sub.resources);
      for (const g of sub.generated) generated.add(g);
    } else {
      resources.push(...readYamlDocs(p));
    }
  }
  for (const gen of k.configMapGenerator ?? []) {
    const data = generatorData(gen, dir);
    const behavior = gen.behavior ?? "create";
    const existing = resources.find((r) => r.kind === "ConfigMap" && r.metadata?.name === gen.name && generated.has(r));
    if (behavior === "create") {
      if (existing) throw new KustomizeError(`${kFile}: ConfigMap ${gen.name} already exists (use behavior: merge)`);
      const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: gen.name }, data };
      if (gen.namespace) cm.metadata.namespace = gen.namespace;
      resources.push(cm);
      generated.add(cm);
    } else if (behavior === "merge" || behavior === "replace") {
      if (!existing) throw new KustomizeError(`${kFile}: ConfigMap ${gen.name} to ${behavior} was not generated by a base`);
      existing.data = behavior === "merge" ? { ...(existing.data ?? {}), ...data } : data;
    } else {
      throw new KustomizeError(`${kFile}: configMapGenerator behavior '${behavior}' is unknown`);
    }
  }
  for (const entry of k.patches ?? []) applyPatch(resources, entry, dir);
  applyNamespace(resources, k.namespace);
  applyLabels(resources, k.labels);
  applyImages(resources, k.images);
  const seen = new Set();
  for (const r of resources) {
    const id = idOf(r);
    if (seen.has(id)) throw new KustomizeError(`${kFile}: ${id} is defined twice`);
    seen.add(id);
  }
  return { resources, generated };
}

function renameConfigMapRefs(resources, renames) {
  const fix = (holder, field) => { if (holder?.[field] && renames.has(holder[field])) holder[field] = renames.get(holder[field]); };
  for (const r of resources) {
    for (const spec of podSpecs(r)) {
      for (const c of allContainers(spec)) {
        for (const ef of c.envFrom ?? []) fix(ef.configMapRef, "name");
        for (const e of c.env ?? []) fix(e.valueFrom?.configMapKeyRef, "name");
      }
      for (const v of spec.volumes ?? []) {
        fix(v.configMap, "name");
        for (const s of v.projected?.sources ?? []) fix(s.configMap, "name");
      }
    }
  }
}

function sortKey(r) {
  const i = KIND_ORDER.indexOf(r.kind);
  const last = KIND_LAST.indexOf(r.kind);
  const rank = i >= 0 ? i : last >= 0 ? 1000 + last : 500;
  return [rank, r.kind, r.metadata?.namespace ?? "", r.metadata?.name ?? ""];
}

/** Renders the kustomization in `dir`; returns the list of objects, in Kustomize's legacy order. */
export function kustomizeLite(dir) {
  const { resources, generated } = build(path.resolve(dir));
  const renames = new Map();
  for (const cm of generated) {
    const hashed = `${cm.metadata.name}-${configMapHash(cm)}`;
    renames.set(cm.metadata.name, hashed);
    cm.metadata.name = hashed;
  }
  renameConfigMapRefs(resources, renames);
  return resources.sort((a, b) => {
    const ka = sortKey(a), kb = sortKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

export { KustomizeError };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) { console.error("usage: node kustomize-lite.mjs DIR"); process.exit(2); }
  try {
    process.stdout.write(kustomizeLite(dir).map((r) => YAML.stringify(r, { sortMapEntries: true })).join("---\n"));
  } catch (e) {
    console.error(`kustomize-lite: ${e.message}`);
    process.exit(1);
  }
}
