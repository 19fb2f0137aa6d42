package deploy

// No cluster runs in CI, so this test is what stands between a typo in a
// manifest and a broken deploy: it decodes every manifest strictly into
// the k8s.io/api types (an unknown or misspelled field is an error, as
// `kubectl apply --validate=strict` would say), follows each
// kustomization, and checks what okbot needs of the objects: probes on
// the right paths and ports, the settings the issue defines, and the
// security settings.

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/yaml"
)

// kustomization is the part of kustomize's Kustomization okbot uses;
// decoding strictly into it rejects any other field.
type kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Resources  []string `json:"resources"`
	Images     []struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	} `json:"images"`
}

// objects is what a kustomization builds, by kind.
type objects struct {
	configMaps   []*corev1.ConfigMap
	secrets      []*corev1.Secret
	services     []*corev1.Service
	deployments  []*appsv1.Deployment
	statefulSets []*appsv1.StatefulSet
	hpas         []*autoscalingv2.HorizontalPodAutoscaler
	pdbs         []*policyv1.PodDisruptionBudget
	images       map[string]string // image name -> newName:newTag
}

// decodeAs is a new T, decoded by strict.
func decodeAs[T any](strict func(any)) *T {
	o := new(T)
	strict(o)
	return o
}

// decodeFile decodes every document of a manifest file strictly into its
// k8s.io/api type and adds it to into.
func decodeFile(t *testing.T, name string, into *objects) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for i, doc := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(b), -1) {
		if strings.TrimSpace(stripComments(doc)) == "" {
			continue
		}
		var tm metav1.TypeMeta
		if err := yaml.Unmarshal([]byte(doc), &tm); err != nil {
			t.Fatalf("%s document %d: %v", name, i, err)
		}
		strict := func(v any) {
			t.Helper()
			if err := yaml.UnmarshalStrict([]byte(doc), v); err != nil {
				t.Fatalf("%s (%s %s): %v", name, tm.APIVersion, tm.Kind, err)
			}
		}
		switch tm.APIVersion + " " + tm.Kind {
		case "v1 ConfigMap":
			into.configMaps = append(into.configMaps, decodeAs[corev1.ConfigMap](strict))
		case "v1 Secret":
			into.secrets = append(into.secrets, decodeAs[corev1.Secret](strict))
		case "v1 Service":
			into.services = append(into.services, decodeAs[corev1.Service](strict))
		case "apps/v1 Deployment":
			into.deployments = append(into.deployments, decodeAs[appsv1.Deployment](strict))
		case "apps/v1 StatefulSet":
			into.statefulSets = append(into.statefulSets, decodeAs[appsv1.StatefulSet](strict))
		case "autoscaling/v2 HorizontalPodAutoscaler":
			into.hpas = append(into.hpas, decodeAs[autoscalingv2.HorizontalPodAutoscaler](strict))
		case "policy/v1 PodDisruptionBudget":
			into.pdbs = append(into.pdbs, decodeAs[policyv1.PodDisruptionBudget](strict))
		default:
			t.Fatalf("%s: %q %q is not a kind this test knows; add it to decodeFile", name, tm.APIVersion, tm.Kind)
		}
	}
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// build follows the kustomization in dir as `kubectl apply -k dir` would
// (resources only: files, and directories with their own
// kustomization), and checks that every manifest in dir is listed.
func build(t *testing.T, dir string, into *objects) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var k kustomization
	if err := yaml.UnmarshalStrict(b, &k); err != nil {
		t.Fatalf("%s/kustomization.yaml: %v", dir, err)
	}
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Errorf("%s/kustomization.yaml is %s %s", dir, k.APIVersion, k.Kind)
	}
	listed := map[string]bool{}
	for _, r := range k.Resources {
		path := filepath.Join(dir, r)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatalf("%s/kustomization.yaml lists %s: %v", dir, r, err)
		}
		if fi.IsDir() {
			build(t, path, into)
			continue
		}
		listed[r] = true
		decodeFile(t, path, into)
	}
	if into.images == nil {
		into.images = map[string]string{}
	}
	for _, im := range k.Images {
		into.images[im.Name] = im.NewName + ":" + im.NewTag
	}
	// A manifest left out of the kustomization would never be applied.
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		base := filepath.Base(f)
		if base != "kustomization.yaml" && !strings.HasSuffix(base, ".example.yaml") && !listed[base] {
			t.Errorf("%s is not in %s/kustomization.yaml", f, dir)
		}
	}
}

// Every manifest decodes strictly, including the Secret example that no
// kustomization applies.
func TestEveryManifestDecodesStrictly(t *testing.T) {
	var all objects
	n := 0
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".yaml" || d.Name() == "kustomization.yaml" {
			return err
		}
		decodeFile(t, path, &all)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 9 {
		t.Errorf("decoded %d manifests; the walk missed some", n)
	}
}

// variables okbot reads; an env or ConfigMap key not among them is a
// typo that okbot would silently ignore.
var variables = []string{
	"DISCORD_TOKEN", "DISCORD_GUILD_ID", "DISCORD_PUBLIC_KEY", "DISCORD_APPLICATION_ID",
	"OKBOT_REGISTER", "OKBOT_DATA", "OKBOT_ADDR", "OKBOT_DRAIN_DELAY", "OKBOT_LOG_LEVEL",
	"OKBOT_LOG_FORMAT", "OKBOT_ADMIN_ADDR", "OKBOT_SHARD_ID", "OKBOT_SHARD_COUNT",
	"OKBOT_OPERATOR", "OKBOT_CONTACT", "OKBOT_COOLDOWN",
}

// adminPort is where the manifests put the admin listener
// (OKBOT_ADMIN_ADDR): /metrics, /healthz, /readyz, POST /admin/reload.
const adminPort = 9090

func TestServe(t *testing.T) {
	var o objects
	build(t, "serve", &o)
	if len(o.deployments) != 1 || len(o.services) != 1 || len(o.hpas) != 1 || len(o.pdbs) != 1 || len(o.statefulSets) != 0 {
		t.Fatalf("serve builds %d Deployments, %d Services, %d HPAs, %d PDBs, %d StatefulSets; want one of each and no StatefulSet",
			len(o.deployments), len(o.services), len(o.hpas), len(o.pdbs), len(o.statefulSets))
	}
	d := o.deployments[0]
	h := o.hpas[0]
	if ref := h.Spec.ScaleTargetRef; ref.Kind != "Deployment" || ref.Name != d.Name || ref.APIVersion != "apps/v1" {
		t.Fatalf("HPA scales %+v, want the Deployment %s", ref, d.Name)
	}
	// The HPA owns the count: a replicas in the manifest would reset it on
	// every kubectl apply, scaling a busy Deployment down until the HPA
	// caught up again.
	if d.Spec.Replicas != nil {
		t.Errorf("Deployment sets replicas: %d, but HPA %s manages its count and every kubectl apply would reset it; leave replicas out and set the HPA's minReplicas",
			*d.Spec.Replicas, h.Name)
	}
	// So the HPA's floor is how many pods always run: two, so that one
	// answers while the other is drained or replaced.
	if h.Spec.MinReplicas == nil {
		t.Fatal("HPA sets no minReplicas (so 1); want 2, so that one pod answers while the other is drained or replaced")
	}
	if *h.Spec.MinReplicas < 2 || h.Spec.MaxReplicas <= *h.Spec.MinReplicas {
		t.Fatalf("HPA replicas %d..%d, want at least 2 and room to grow", *h.Spec.MinReplicas, h.Spec.MaxReplicas)
	}
	minPods := *h.Spec.MinReplicas
	if ru := d.Spec.Strategy.RollingUpdate; ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 {
		t.Error("a rolling update may take a replica down before its successor is ready; want maxUnavailable 0")
	}
	pod := checkPod(t, "Deployment "+d.Name, d.Spec.Selector, d.Spec.Template, o)
	c := pod.Spec.Containers[0]
	if !slices.Equal(c.Args, []string{"serve"}) {
		t.Errorf("args = %q, want [serve]", c.Args)
	}
	httpPort := portOf(t, "OKBOT_ADDR", envValue(c, "OKBOT_ADDR"))
	checkProbe(t, "readiness", c.ReadinessProbe, c, "/readyz", httpPort)
	checkProbe(t, "liveness", c.LivenessProbe, c, "/healthz", httpPort)
	if hasEnv(c, "DISCORD_TOKEN") {
		t.Error("serve pods get DISCORD_TOKEN; they need only DISCORD_PUBLIC_KEY (register once with okbot register)")
	}
	checkSecretRef(t, c, "DISCORD_PUBLIC_KEY", o)

	// The Service carries the interactions port, never the admin one.
	s := o.services[0]
	checkSelects(t, "Service "+s.Name, s.Spec.Selector, pod.Labels)
	if len(s.Spec.Ports) == 0 {
		t.Fatal("the Service has no ports")
	}
	for _, p := range s.Spec.Ports {
		if got := containerPort(t, c, p.TargetPort); got != httpPort {
			t.Errorf("Service port %s reaches container port %d, want only the interactions port %d", p.Name, got, httpPort)
		}
	}

	cpu := false
	for _, m := range h.Spec.Metrics {
		if m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU &&
			m.Resource.Target.Type == autoscalingv2.UtilizationMetricType && m.Resource.Target.AverageUtilization != nil {
			cpu = true
		}
	}
	if !cpu {
		t.Error("the HPA does not scale on CPU utilization")
	}
	if c.Resources.Requests.Cpu().IsZero() {
		t.Error("no CPU request: the HPA's utilization has nothing to divide by")
	}

	p := o.pdbs[0]
	checkSelects(t, "PodDisruptionBudget "+p.Name, p.Spec.Selector.MatchLabels, pod.Labels)
	if p.Spec.MinAvailable == nil || p.Spec.MinAvailable.IntValue() < 1 || p.Spec.MinAvailable.IntValue() >= int(minPods) {
		t.Errorf("PDB minAvailable %v: want at least 1 and fewer than the HPA's minReplicas (%d), or at the floor no node could ever be drained", p.Spec.MinAvailable, minPods)
	}
}

func TestGateway(t *testing.T) {
	var o objects
	build(t, "gateway", &o)
	if len(o.statefulSets) != 1 || len(o.deployments) != 0 || len(o.hpas) != 0 {
		t.Fatalf("gateway builds %d StatefulSets, %d Deployments, %d HPAs; want one StatefulSet only (shards do not autoscale)",
			len(o.statefulSets), len(o.deployments), len(o.hpas))
	}
	s := o.statefulSets[0]
	pod := checkPod(t, "StatefulSet "+s.Name, s.Spec.Selector, s.Spec.Template, o)
	c := pod.Spec.Containers[0]
	if !slices.Equal(c.Args, []string{"run"}) {
		t.Errorf("args = %q, want [run]", c.Args)
	}

	// One shard per pod: the id from the ordinal, the count from replicas.
	id := envVar(c, "OKBOT_SHARD_ID")
	if id == nil || id.ValueFrom == nil || id.ValueFrom.FieldRef == nil ||
		id.ValueFrom.FieldRef.FieldPath != "metadata.labels['apps.kubernetes.io/pod-index']" {
		t.Errorf("OKBOT_SHARD_ID = %+v, want the pod's ordinal from metadata.labels['apps.kubernetes.io/pod-index']", id)
	}
	count, err := strconv.Atoi(envValue(c, "OKBOT_SHARD_COUNT"))
	if s.Spec.Replicas == nil {
		t.Fatal("the StatefulSet does not say how many replicas (shards) it runs")
	}
	if err != nil || int32(count) != *s.Spec.Replicas || count < 1 {
		t.Errorf("OKBOT_SHARD_COUNT %q against %d replicas: they must agree, or a shard is never run or runs twice", envValue(c, "OKBOT_SHARD_COUNT"), *s.Spec.Replicas)
	}
	if s.Spec.PodManagementPolicy != appsv1.ParallelPodManagement {
		t.Errorf("podManagementPolicy %q: want Parallel; okbot spaces its IDENTIFYs itself", s.Spec.PodManagementPolicy)
	}
	checkSecretRef(t, c, "DISCORD_TOKEN", o)

	// Probes on the admin port: gateway mode has no other.
	checkProbe(t, "readiness", c.ReadinessProbe, c, "/readyz", adminPort)
	checkProbe(t, "liveness", c.LivenessProbe, c, "/healthz", adminPort)
	if hasEnv(c, "OKBOT_ADDR") {
		t.Error("gateway pods set OKBOT_ADDR, which only okbot serve uses")
	}

	var headless *corev1.Service
	for _, svc := range o.services {
		if svc.Name == s.Spec.ServiceName {
			headless = svc
		}
	}
	if headless == nil || headless.Spec.ClusterIP != corev1.ClusterIPNone {
		t.Fatalf("the StatefulSet's serviceName %q is not a headless Service in the build", s.Spec.ServiceName)
	}
	checkSelects(t, "Service "+headless.Name, headless.Spec.Selector, pod.Labels)
	if len(o.pdbs) != 1 || o.pdbs[0].Spec.MaxUnavailable == nil || o.pdbs[0].Spec.MaxUnavailable.IntValue() != 1 {
		t.Error("want one PodDisruptionBudget taking at most one shard down at a time")
	} else {
		checkSelects(t, "PodDisruptionBudget", o.pdbs[0].Spec.Selector.MatchLabels, pod.Labels)
	}
}

// checkPod checks what every okbot pod needs and returns its template.
func checkPod(t *testing.T, what string, sel *metav1.LabelSelector, tmpl corev1.PodTemplateSpec, o objects) corev1.PodTemplateSpec {
	t.Helper()
	if sel == nil {
		t.Fatalf("%s has no selector", what)
	}
	checkSelects(t, what+"'s selector", sel.MatchLabels, tmpl.Labels)
	spec := tmpl.Spec
	if len(spec.Containers) != 1 {
		t.Fatalf("%s has %d containers, want okbot alone", what, len(spec.Containers))
	}
	c := spec.Containers[0]
	if psc := spec.SecurityContext; psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot ||
		psc.RunAsUser == nil || *psc.RunAsUser == 0 || psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("%s: the pod must run as a non-root user with the runtime's seccomp profile", what)
	} else if u := dockerfileUser(t); *psc.RunAsUser != u {
		t.Errorf("%s runs as user %d, the Dockerfile's USER is %d", what, *psc.RunAsUser, u)
	}
	if spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken {
		t.Errorf("%s mounts a service account token okbot never uses", what)
	}
	sc := c.SecurityContext
	if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
		sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
		sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot ||
		sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
		t.Errorf("%s: the container must not escalate privileges, must have a read-only root filesystem, run as non-root and drop every capability", what)
	}
	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if q, ok := c.Resources.Requests[r]; !ok || q.IsZero() {
			t.Errorf("%s requests no %s", what, r)
		}
	}
	if q, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok || q.Cmp(c.Resources.Requests[corev1.ResourceMemory]) < 0 {
		t.Errorf("%s: want a memory limit at least its request", what)
	}
	if _, ok := o.images[c.Image]; !ok {
		t.Errorf("%s runs image %q, which no kustomization's images entry sets", what, c.Image)
	}

	// The settings.
	if got := envValue(c, "OKBOT_LOG_FORMAT"); got != "json" {
		t.Errorf("%s: OKBOT_LOG_FORMAT = %q, want json", what, got)
	}
	if p := portOf(t, "OKBOT_ADMIN_ADDR", envValue(c, "OKBOT_ADMIN_ADDR")); p != adminPort {
		t.Errorf("%s: OKBOT_ADMIN_ADDR on port %d, want %d", what, p, adminPort)
	}
	if containerPort(t, c, intstr.FromString("admin")) != adminPort {
		t.Errorf("%s: no container port named admin on %d", what, adminPort)
	}
	if tmpl.Annotations["prometheus.io/port"] != strconv.Itoa(adminPort) || tmpl.Annotations["prometheus.io/path"] != "/metrics" {
		t.Errorf("%s: Prometheus annotations %v do not point at the admin listener's /metrics", what, tmpl.Annotations)
	}

	// Every variable is one okbot reads, and every reference resolves.
	for _, e := range c.Env {
		if !slices.Contains(variables, e.Name) {
			t.Errorf("%s sets %s, which okbot does not read", what, e.Name)
		}
	}
	for _, ef := range c.EnvFrom {
		if ef.ConfigMapRef == nil {
			t.Errorf("%s: envFrom other than a ConfigMap", what)
			continue
		}
		cm := findConfigMap(o, ef.ConfigMapRef.Name)
		if cm == nil {
			t.Errorf("%s reads ConfigMap %q, which the build lacks", what, ef.ConfigMapRef.Name)
			continue
		}
		for k := range cm.Data {
			if !slices.Contains(variables, k) {
				t.Errorf("ConfigMap %s sets %s, which okbot does not read", cm.Name, k)
			}
			if strings.HasPrefix(k, "DISCORD_TOKEN") || k == "DISCORD_PUBLIC_KEY" {
				t.Errorf("ConfigMap %s holds %s; credentials belong in the Secret", cm.Name, k)
			}
		}
	}
	return tmpl
}

func checkSelects(t *testing.T, what string, selector, labels map[string]string) {
	t.Helper()
	if len(selector) == 0 {
		t.Errorf("%s selects everything", what)
	}
	for k, v := range selector {
		if labels[k] != v {
			t.Errorf("%s selects %s=%s, which the pods do not carry (%v)", what, k, v, labels)
		}
	}
}

func checkProbe(t *testing.T, what string, p *corev1.Probe, c corev1.Container, path string, port int) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("no %s probe over HTTP", what)
		return
	}
	if p.HTTPGet.Path != path {
		t.Errorf("%s probe asks %s, want %s", what, p.HTTPGet.Path, path)
	}
	if got := containerPort(t, c, p.HTTPGet.Port); got != port {
		t.Errorf("%s probe asks port %d, want %d", what, got, port)
	}
}

// containerPort resolves a port by number or by the container's name for
// it; 0 when the name is unknown.
func containerPort(t *testing.T, c corev1.Container, p intstr.IntOrString) int {
	t.Helper()
	if p.Type == intstr.Int {
		return p.IntValue()
	}
	for _, cp := range c.Ports {
		if cp.Name == p.StrVal {
			return int(cp.ContainerPort)
		}
	}
	t.Errorf("port %q is not a container port of %s", p.StrVal, c.Name)
	return 0
}

func portOf(t *testing.T, name, addr string) int {
	t.Helper()
	_, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil {
		t.Errorf("%s = %q is not host:port", name, addr)
	}
	return n
}

func envVar(c corev1.Container, name string) *corev1.EnvVar {
	for i := range c.Env {
		if c.Env[i].Name == name {
			return &c.Env[i]
		}
	}
	return nil
}

func hasEnv(c corev1.Container, name string) bool { return envVar(c, name) != nil }

func envValue(c corev1.Container, name string) string {
	if e := envVar(c, name); e != nil {
		return e.Value
	}
	return ""
}

// checkSecretRef checks that name comes from a key of the Secret, and
// that the example Secret has that key.
func checkSecretRef(t *testing.T, c corev1.Container, name string, o objects) {
	t.Helper()
	e := envVar(c, name)
	if e == nil || e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
		t.Errorf("%s does not come from a Secret", name)
		return
	}
	ref := e.ValueFrom.SecretKeyRef
	var example objects
	decodeFile(t, filepath.Join("base", "secret.example.yaml"), &example)
	for _, s := range example.secrets {
		if s.Name == ref.Name {
			if _, ok := s.StringData[ref.Key]; ok {
				return
			}
		}
	}
	t.Errorf("%s reads Secret %s key %s, which base/secret.example.yaml does not show", name, ref.Name, ref.Key)
}

func findConfigMap(o objects, name string) *corev1.ConfigMap {
	for _, cm := range o.configMaps {
		if cm.Name == name {
			return cm
		}
	}
	return nil
}

// dockerfileUser is the numeric uid of the image's USER, which the pods'
// runAsUser must match (runAsNonRoot can only verify a numeric user).
func dockerfileUser(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("USER ")); ok {
			uid, _, _ := strings.Cut(string(rest), ":")
			n, err := strconv.ParseInt(strings.TrimSpace(uid), 10, 64)
			if err != nil || n == 0 {
				t.Fatalf("the Dockerfile's USER %q is not a numeric non-root user", rest)
			}
			return n
		}
	}
	t.Fatal("the Dockerfile sets no USER")
	return 0
}
