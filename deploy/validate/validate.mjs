// Validates IssueSync's Kubernetes manifests without a cluster:
//   1. renders each kustomization with real Kustomize: `kubectl kustomize` (kubectl's built-in Kustomize v5), or the
//      command in $KUSTOMIZE_CMD (e.g. "kustomize build"); eng/validate-deploy.sh checks that it is there first;
//   2. validates every object against the Kubernetes and KEDA schemas (npm kubernetes-models,
//      @kubernetes-models/keda): wrong types, missing required fields, bad enums and formats fail;
//   3. checks the deployment policy of issue 7 that a schema cannot express (probes, shutdown budget, security
//      context, selectors, the KEDA trigger against the ConfigMap, no secret values).
//
// Usage: node validate.mjs [--out DIR] [--expect-fail] TARGET...
//   TARGET  a directory with a kustomization.yaml (rendered, then checked) or a YAML file (schema only; a
//           Secret must have no values). With --expect-fail every target must be rejected (the self-test).
// Exit code: 0 when all targets pass (or, with --expect-fail, all are rejected), 1 otherwise, 2 on bad usage.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

// The worker's HostOptions.ShutdownTimeout (src/IssueSync.Worker/Hosting/WorkerHostingExtensions.cs).
const HOST_SHUTDOWN_SECONDS = 40;
// The ceiling justified by Jira's rate limits (deploy/base/worker-scaledobject.yaml, README "Scaling").
const MAX_REPLICAS_CEILING = 4;
const SECRET_NAME = "issuesync-secrets";
const WORKER = "issuesync-worker";
const MIGRATE_JOB = "issuesync-migrate";

// apiVersion → module exporting the model classes (named after the kinds).
const MODEL_MODULES = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
};

const idOf = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;

async function schemaErrors(obj) {
  if (!obj || typeof obj !== "object" || !obj.apiVersion || !obj.kind) return [`${idOf(obj)}: not a Kubernetes object (apiVersion and kind are required)`];
  const modulePath = MODEL_MODULES[obj.apiVersion];
  if (!modulePath) return [`${idOf(obj)}: no schema known for apiVersion ${obj.apiVersion} (add its model package to deploy/validate)`];
  const mod = await import(modulePath);
  const Model = mod[obj.kind];
  if (typeof Model !== "function") return [`${idOf(obj)}: no schema for kind ${obj.kind} in ${obj.apiVersion}`];
  try {
    new Model(structuredClone(obj)).validate();
    return [];
  } catch (e) {
    const details = Array.isArray(e.errors) && e.errors.length
      ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(", ")})` : ""}`)
      : [e.message];
    return details.map((d) => `${idOf(obj)}: schema: ${d}`);
  }
}

// --- policy -------------------------------------------------------------------------------------------------

function preStopSeconds(container) {
  const p = container.lifecycle?.preStop;
  if (!p) return 0;
  if (p.sleep?.seconds !== undefined) return Number(p.sleep.seconds);
  const cmd = p.exec?.command ?? [];
  const i = cmd.findIndex((c) => c === "sleep" || c.endsWith("/sleep"));
  return i >= 0 ? Number(cmd[i + 1]) : 0;
}

function checkHardening(where, podSpec, container, errors) {
  const psc = podSpec.securityContext ?? {};
  const csc = container.securityContext ?? {};
  if (!(csc.runAsNonRoot ?? psc.runAsNonRoot)) errors.push(`${where}: runAsNonRoot must be true`);
  if (csc.readOnlyRootFilesystem !== true) errors.push(`${where}: securityContext.readOnlyRootFilesystem must be true`);
  if (csc.allowPrivilegeEscalation !== false) errors.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
  if (!(csc.capabilities?.drop ?? []).includes("ALL")) errors.push(`${where}: securityContext.capabilities.drop must include ALL`);
  const tmp = (container.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
  const vol = tmp && (podSpec.volumes ?? []).find((v) => v.name === tmp.name);
  if (!vol?.emptyDir) errors.push(`${where}: /tmp must be an emptyDir volume (the only writable path)`);
  const r = container.resources ?? {};
  if (!r.requests?.cpu || !r.requests?.memory) errors.push(`${where}: resources.requests.cpu and .memory are required`);
  if (!r.limits?.memory) errors.push(`${where}: resources.limits.memory is required`);
}

function labelsMatch(selector, labels) {
  return selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function policyErrors(objects, target) {
  const errors = [];
  const find = (kind, name) => objects.find((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  const secrets = objects.filter((o) => o.kind === "Secret");
  for (const s of secrets) errors.push(`${idOf(s)}: a Secret is rendered; secrets are created out of band (deploy/base/secret.example.yaml)`);

  const dep = find("Deployment", WORKER);
  if (!dep) return [...errors, `Deployment/${WORKER} is missing`];
  const pod = dep.spec?.template?.spec ?? {};
  const podLabels = dep.spec?.template?.metadata?.labels ?? {};
  const c = (pod.containers ?? [])[0] ?? {};
  const where = `Deployment/${WORKER}`;
  if (!(dep.spec?.replicas >= 2)) errors.push(`${where}: spec.replicas must be at least 2`);
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  const preStop = preStopSeconds(c);
  if (!(grace > HOST_SHUTDOWN_SECONDS + preStop)) {
    errors.push(`${where}: terminationGracePeriodSeconds ${grace} must exceed preStop ${preStop} s + HostOptions.ShutdownTimeout ${HOST_SHUTDOWN_SECONDS} s`);
  }
  const probePath = (p) => p?.httpGet?.path;
  if (probePath(c.livenessProbe) !== "/health/live") errors.push(`${where}: livenessProbe must GET /health/live (process only), not ${probePath(c.livenessProbe)}`);
  if (probePath(c.readinessProbe) !== "/health/ready") errors.push(`${where}: readinessProbe must GET /health/ready (database and bus), not ${probePath(c.readinessProbe)}`);
  if (!c.startupProbe) errors.push(`${where}: a startupProbe is required (bus start and migrations check take time)`);
  if (!(c.ports ?? []).some((p) => p.containerPort === 8080)) errors.push(`${where}: container port 8080 is required`);
  checkHardening(where, pod, c, errors);

  // Configuration: ConfigMap references resolve, the Secret is the external one.
  const cmRef = (c.envFrom ?? []).find((e) => e.configMapRef)?.configMapRef?.name;
  const cm = cmRef && find("ConfigMap", cmRef);
  if (!cm) errors.push(`${where}: envFrom must reference a ConfigMap rendered with it (found ${cmRef ?? "none"})`);
  const secretRefs = (c.envFrom ?? []).filter((e) => e.secretRef).map((e) => e.secretRef.name);
  if (!secretRefs.includes(SECRET_NAME)) errors.push(`${where}: envFrom must reference Secret ${SECRET_NAME}`);
  const data = cm?.data ?? {};
  if (data.Database__MigrateOnStartup !== "false") errors.push(`ConfigMap ${cmRef}: Database__MigrateOnStartup must be "false" (the migrations Job migrates)`);
  if (data.IssueSync__Transport !== "RabbitMq") errors.push(`ConfigMap ${cmRef}: IssueSync__Transport must be RabbitMq`);
  for (const key of ["Atlassian__ClientSecret", "Database__ConnectionString", "IssueSync__RabbitMq__Uri"]) {
    if (key in data) errors.push(`ConfigMap ${cmRef}: ${key} is a secret and belongs in Secret ${SECRET_NAME}`);
  }
  const expected = { sqlserver: "SqlServer", postgres: "Postgres" }[path.basename(target)];
  const provider = data.Database__Provider;
  if (path.basename(target) !== "base" && !["SqlServer", "Postgres"].includes(provider)) {
    errors.push(`ConfigMap ${cmRef}: Database__Provider must be SqlServer or Postgres (found ${provider ?? "none"})`);
  }
  if (expected && provider !== expected) errors.push(`ConfigMap ${cmRef}: overlay ${path.basename(target)} must set Database__Provider=${expected} (found ${provider})`);

  // Migrations Job: same image, `migrate`, hardened.
  const job = find("Job", MIGRATE_JOB);
  if (!job) errors.push(`Job/${MIGRATE_JOB} is missing`);
  else {
    const jpod = job.spec?.template?.spec ?? {};
    const jc = (jpod.containers ?? [])[0] ?? {};
    if (JSON.stringify(jc.args) !== JSON.stringify(["migrate"])) errors.push(`Job/${MIGRATE_JOB}: args must be ["migrate"]`);
    if (jc.image !== c.image) errors.push(`Job/${MIGRATE_JOB}: image ${jc.image} differs from the worker's ${c.image}`);
    if (jpod.restartPolicy !== "Never" && jpod.restartPolicy !== "OnFailure") errors.push(`Job/${MIGRATE_JOB}: restartPolicy must be Never or OnFailure`);
    checkHardening(`Job/${MIGRATE_JOB}`, jpod, jc, errors);
  }

  // Service and PodDisruptionBudget select the worker pods.
  const svc = find("Service", WORKER);
  if (!svc) errors.push(`Service/${WORKER} is missing`);
  else if (!labelsMatch(svc.spec?.selector, podLabels)) errors.push(`Service/${WORKER}: selector does not match the worker pods`);
  const pdb = find("PodDisruptionBudget");
  if (!pdb) errors.push("a PodDisruptionBudget is missing");
  else {
    if (pdb.spec?.minAvailable !== 1) errors.push(`${idOf(pdb)}: minAvailable must be 1`);
    if (!labelsMatch(pdb.spec?.selector?.matchLabels, podLabels)) errors.push(`${idOf(pdb)}: selector does not match the worker pods`);
  }

  // KEDA: scales the worker on the input queue, within the rate-limit ceiling.
  const so = find("ScaledObject");
  if (!so) errors.push("a KEDA ScaledObject is missing");
  else {
    if (so.spec?.scaleTargetRef?.name !== WORKER) errors.push(`${idOf(so)}: scaleTargetRef must name ${WORKER}`);
    const min = so.spec?.minReplicaCount ?? 0;
    const max = so.spec?.maxReplicaCount ?? 100;
    if (min < 2) errors.push(`${idOf(so)}: minReplicaCount must be at least 2`);
    if (max > MAX_REPLICAS_CEILING) errors.push(`${idOf(so)}: maxReplicaCount ${max} exceeds ${MAX_REPLICAS_CEILING}, the ceiling Jira's rate limits justify (see the README)`);
    if (max < min) errors.push(`${idOf(so)}: maxReplicaCount is below minReplicaCount`);
    const trig = (so.spec?.triggers ?? []).filter((t) => t.type === "rabbitmq");
    if (trig.length !== 1) errors.push(`${idOf(so)}: exactly one rabbitmq trigger is expected`);
    for (const t of trig) {
      const queue = data.IssueSync__InputQueue ?? "create-issue";
      if (t.metadata?.queueName !== queue) errors.push(`${idOf(so)}: trigger queueName ${t.metadata?.queueName} is not the input queue ${queue}`);
      if (t.metadata?.mode !== "QueueLength") errors.push(`${idOf(so)}: trigger mode must be QueueLength`);
      if (!(Number(t.metadata?.value) > 0)) errors.push(`${idOf(so)}: trigger value (messages per replica) must be a positive number`);
      const auth = t.authenticationRef?.name;
      const ta = auth && find("TriggerAuthentication", auth);
      if (!t.metadata?.hostFromEnv && !ta) errors.push(`${idOf(so)}: the trigger needs hostFromEnv or a rendered TriggerAuthentication (found ${auth ?? "none"})`);
      if (ta && !(ta.spec?.secretTargetRef ?? []).some((r) => r.parameter === "host" && r.name === SECRET_NAME)) {
        errors.push(`${idOf(ta)}: must read parameter host from Secret ${SECRET_NAME}`);
      }
    }
  }
  return errors;
}

function secretTemplateErrors(objects) {
  const errors = [];
  for (const s of objects.filter((o) => o.kind === "Secret")) {
    for (const field of ["data", "stringData"]) {
      for (const [k, v] of Object.entries(s[field] ?? {})) {
        if (v !== "" && v !== null) errors.push(`${idOf(s)}: ${field}.${k} has a value; a committed Secret template must have keys only`);
      }
    }
  }
  return errors;
}

// --- rendering ----------------------------------------------------------------------------------------------

function kustomize(dir) {
  const custom = process.env.KUSTOMIZE_CMD?.trim();
  const [cmd, ...args] = custom ? custom.split(/\s+/) : ["kubectl", "kustomize"];
  const label = `${cmd} ${args.join(" ")}`.trim();
  const r = spawnSync(cmd, [...args, dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error?.code === "ENOENT") return { error: `${cmd} is not installed: Kustomize v5 is needed to render the manifests (see eng/validate-deploy.sh)`, label };
  if (r.status !== 0) return { error: (r.stderr || r.stdout || "").trim(), label };
  return { yaml: r.stdout, label };
}

function parseDocs(text, where) {
  const out = [];
  for (const d of YAML.parseAllDocuments(text)) {
    if (d.errors.length) throw new Error(`${where}: YAML: ${d.errors[0].message}`);
    const v = d.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

async function checkTarget(target, outDir) {
  const errors = [];
  const notes = [];
  let objects = [];
  const isDir = statSync(target).isDirectory();
  if (isDir) {
    const rendered = kustomize(target);
    if (rendered.error) errors.push(`${rendered.label}: ${rendered.error}`);
    else {
      try { objects = parseDocs(rendered.yaml, `${rendered.label} ${target}`); } catch (e) { errors.push(e.message); }
      notes.push(`rendered by ${rendered.label}`);
      if (outDir) {
        const base = target.replace(/[\\/]+$/, "").split(/[\\/]/).slice(-2).join("-");
        mkdirSync(outDir, { recursive: true });
        writeFileSync(path.join(outDir, `${base}.kustomize.yaml`), rendered.yaml);
      }
    }
  } else {
    try { objects = parseDocs(readFileSync(target, "utf8"), target); } catch (e) { errors.push(e.message); }
  }
  for (const o of objects) errors.push(...await schemaErrors(o));
  if (isDir && objects.length) errors.push(...policyErrors(objects, target));
  if (!isDir) errors.push(...secretTemplateErrors(objects));
  if (!objects.length && !errors.length) errors.push("no objects found");
  return { objects, errors, notes };
}

async function main() {
  const argv = process.argv.slice(2);
  let outDir = null, expectFail = false;
  const targets = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") outDir = argv[++i];
    else if (argv[i] === "--expect-fail") expectFail = true;
    else if (argv[i].startsWith("--")) { console.error(`unknown option ${argv[i]}`); process.exit(2); }
    else targets.push(argv[i]);
  }
  if (!targets.length) { console.error("usage: node validate.mjs [--out DIR] [--expect-fail] TARGET..."); process.exit(2); }

  let bad = 0, total = 0;
  for (const t of targets) {
    if (!existsSync(t)) { console.log(`FAIL ${t}: does not exist`); bad++; continue; }
    const { objects, errors, notes } = await checkTarget(t, outDir);
    total += objects.length;
    const kinds = objects.map((o) => o.kind).join(", ");
    if (expectFail) {
      if (errors.length) {
        console.log(`ok   ${t}: rejected as expected (${errors.length} problem${errors.length > 1 ? "s" : ""})`);
        for (const e of errors) console.log(`       - ${e}`);
      } else {
        console.log(`FAIL ${t}: was accepted but must be rejected`);
        bad++;
      }
    } else if (errors.length) {
      console.log(`FAIL ${t}: ${objects.length} objects, ${errors.length} problem${errors.length > 1 ? "s" : ""}`);
      for (const e of errors) console.log(`       - ${e}`);
      bad++;
    } else {
      const checks = statSync(t).isDirectory() ? "schema + policy" : "schema";
      console.log(`ok   ${t}: ${objects.length} objects valid (${checks}) [${kinds}]${notes.length ? "; " + notes.join("; ") : ""}`);
    }
  }
  const verb = expectFail ? "rejected as expected" : "valid";
  console.log(`manifests: ${targets.length - bad} of ${targets.length} targets ${verb}, ${total} objects checked`);
  process.exit(bad ? 1 : 0);
}

await main();
