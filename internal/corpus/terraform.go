// Package corpus generates deterministic synthetic inputs for benchmarks and
// tests: large documents in the exact formats that real tools export, with a
// known share of non-compliant items chosen by a seeded generator.
//
// It is a leaf: it imports nothing of socle, so benchmarks anywhere (providers,
// evaluator, cmd) can use it.
package corpus

import (
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
)

const (
	terraformVersion = "1.9.8"
	awsProviderName  = "registry.terraform.io/hashicorp/aws"
	accountID        = "111122223333"
	awsRegion        = "us-east-1"
	planTimestamp    = "2026-01-15T09:30:00Z"
)

// TerraformPlan returns a Terraform plan of about resources resource instances,
// in the JSON that `terraform show -json PLANFILE` (Terraform 1.9.8) prints: a
// mix of AWS resources spread over the root module and several child modules
// (some under count, some under for_each, one nested), with roughly 5–15% of
// each kind of resource non-compliant with common SOC 1 controls. Most resources
// are unchanged (no-op), some are updated, created (with computed attributes
// unknown) or replaced; a few are deleted (in resource_changes and prior_state
// only). The same arguments always return the same bytes.
//
// The count is exact once resources exceeds about 30, the size of the first
// pass that places one of every kind of resource.
func TerraformPlan(resources int, seed uint64) []byte {
	g := &generator{
		rng:    rand.New(rand.NewPCG(seed, 0x736f636c65)), // "socle"
		target: resources,
		counts: map[string]int{},
	}
	g.generate()
	return g.encode()
}

// WritePlan writes TerraformPlan(resources, seed) to path.
func WritePlan(path string, resources int, seed uint64) error {
	return os.WriteFile(path, TerraformPlan(resources, seed), 0o644)
}

// Non-compliance rates, each the probability that one item deviates.
const (
	rateS3NoVersioning   = 0.07 // no aws_s3_bucket_versioning for the bucket
	rateS3Suspended      = 0.04 // versioning present but "Suspended"
	rateS3NoEncryption   = 0.08 // no server-side encryption configuration
	rateS3AES256         = 0.10 // SSE-S3 rather than KMS (a warning)
	rateS3NoPublicBlock  = 0.05 // no public access block
	rateS3PublicOpen     = 0.05 // public access block with a flag off
	rateS3NoLogging      = 0.09 // no access logging
	rateUserConsole      = 0.60 // users with a login profile
	rateConsoleNoMFA     = 0.10 // console users without the MFA policy attached
	rateUserAdmin        = 0.07 // users with AdministratorAccess attached directly
	ratePolicyWildcard   = 0.10 // customer policies allowing "*" on "*"
	rateRoleTrustAny     = 0.08 // roles any principal may assume
	rateSGAdminOpen      = 0.08 // security groups open to the world on 22 or 3389
	rateDBUnencrypted    = 0.08
	rateDBShortBackup    = 0.10 // backup_retention_period < 7
	rateDBPublic         = 0.06
	rateDBOpenSG         = 0.08 // its security group open to the world
	rateDBNoDeletionProt = 0.10
	rateDBSingleAZ       = 0.12 // a warning
	rateKMSNoRotation    = 0.10
	rateKMSAsymmetric    = 0.05 // keys that cannot rotate (not a deviation)
	rateTrailOneRegion   = 0.08
	rateTrailNoValidate  = 0.07
	rateTrailNoKMS       = 0.05
	rateIMDSv1           = 0.10 // http_tokens = "optional"
	rateRootUnencrypted  = 0.08
	rateEBSUnencrypted   = 0.08
	rateListenerInsecure = 0.10 // per load balancer: HTTP without redirect, old TLS, …
	rateLogShortRetain   = 0.10 // retention_in_days below 365 (0 = never expire is fine)
	rateLogNoKMS         = 0.12 // a warning
)

// Actions of the units that are not deleted.
const (
	rateCreate  = 0.11
	rateUpdate  = 0.08
	rateReplace = 0.02 // instances only: a changed AMI forces replacement
)

type action int

const (
	actNoop action = iota
	actUpdate
	actCreate
	actReplace
	actDelete
	actRead
)

// moduleStep is one module call in a module path: module.NAME or module.NAME[KEY].
type moduleStep struct {
	name string
	key  any // nil, int or string
}

type instance struct {
	module []moduleStep
	data   bool
	typ    string
	name   string
	key    any // nil, int or string
	act    action

	before map[string]any // nil when created
	after  map[string]any // nil when deleted; may hold unknown values

	addr, moduleAddr string
}

// placement is where a unit's resources go: a module path and an instance key
// shared by every resource of the unit, or the root module with names suffixed.
type placement struct {
	module []moduleStep
	key    any    // for_each key (string) or nil
	count  bool   // count-indexed: each resource takes the next index of its block
	suffix string // root module: appended to every block name
}

type generator struct {
	rng    *rand.Rand
	target int
	seq    int
	insts  []*instance
	counts map[string]int // next count index per module path + block
}

type unitKind int

const (
	unitBucket unitKind = iota
	unitUser
	unitRole
	unitPolicy
	unitSecurityGroup
	unitDatabase
	unitKMSKey
	unitTrail
	unitInstance
	unitVolume
	unitListener
	unitLogGroup
	unitDeleted
	unitDataSource
	numUnitKinds
)

// unitWeights sets how often each kind of unit is drawn; with the units'
// average sizes this gives roughly 22% S3 resources (buckets and their four
// companion resources), 17% IAM users with their login profiles and policy
// attachments, 12% instances, 10% security groups, 8% databases with their own
// security groups, 7% volumes, 7% log groups, and a few percent of each other
// kind.
var unitWeights = [numUnitKinds]int{
	unitBucket:        47,
	unitUser:          55,
	unitRole:          50,
	unitPolicy:        40,
	unitSecurityGroup: 60,
	unitDatabase:      35,
	unitKMSKey:        50,
	unitTrail:         15,
	unitInstance:      120,
	unitVolume:        70,
	unitListener:      30,
	unitLogGroup:      70,
	unitDeleted:       10,
	unitDataSource:    5,
}

// maxUnitSize is the most resources one unit adds (a bucket with its four
// companion resources).
const maxUnitSize = 5

// fillers are the single-resource units that top the corpus up to the exact size.
var fillers = []unitKind{unitKMSKey, unitVolume, unitLogGroup, unitPolicy, unitRole}

func (g *generator) generate() {
	g.requireMFAPolicy()
	for k := range numUnitKinds {
		g.unit(k)
	}
	total := 0
	for _, w := range unitWeights {
		total += w
	}
	for len(g.insts) <= g.target-maxUnitSize {
		n := g.rng.IntN(total)
		k := unitKind(0)
		for ; n >= unitWeights[k]; k++ {
			n -= unitWeights[k]
		}
		g.unit(k)
	}
	for len(g.insts) < g.target {
		g.unit(fillers[g.rng.IntN(len(fillers))])
	}
}

func (g *generator) unit(k unitKind) {
	g.seq++
	switch k {
	case unitBucket:
		g.bucketUnit()
	case unitUser:
		g.userUnit()
	case unitRole:
		g.roleUnit()
	case unitPolicy:
		g.policyUnit()
	case unitSecurityGroup:
		g.securityGroupUnit()
	case unitDatabase:
		g.databaseUnit()
	case unitKMSKey:
		g.kmsKeyUnit()
	case unitTrail:
		g.trailUnit()
	case unitInstance:
		g.instanceUnit()
	case unitVolume:
		g.volumeUnit()
	case unitListener:
		g.listenerUnit()
	case unitLogGroup:
		g.logGroupUnit()
	case unitDeleted:
		g.deletedUnit()
	case unitDataSource:
		g.dataSourceUnit()
	}
}

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// action draws the action of a unit that is not deleted.
func (g *generator) action() action {
	switch x := g.rng.Float64(); {
	case x < rateCreate:
		return actCreate
	case x < rateCreate+rateUpdate:
		return actUpdate
	}
	return actNoop
}

// place puts a unit in the root module (with probability root) or in module
// path mod, keyed by forEachKey (for_each) or, when it is empty, by count.
func (g *generator) place(root float64, mod []moduleStep, forEachKey string) placement {
	if g.chance(root) {
		return placement{suffix: "_" + strconv.Itoa(g.seq)}
	}
	if forEachKey == "" {
		return placement{module: mod, count: true}
	}
	return placement{module: mod, key: forEachKey}
}

// add records one resource instance of block (type, name) at p.
func (g *generator) add(p placement, typ, name string, act action, values map[string]any) *instance {
	in := &instance{module: p.module, typ: typ, name: name + p.suffix, key: p.key, act: act}
	if p.count {
		ck := moduleAddress(p.module) + "." + typ + "." + name
		in.key = g.counts[ck]
		g.counts[ck]++
	}
	switch act {
	case actNoop:
		in.before, in.after = values, values
	case actUpdate:
		in.before, in.after = previousTags(values), values
	case actCreate, actRead:
		in.after = values
	case actDelete:
		in.before = values
	}
	in.moduleAddr = moduleAddress(in.module)
	in.addr = instanceAddress(in)
	g.insts = append(g.insts, in)
	return in
}

// previousTags returns a copy of values as they were before an update that
// changed only the tags.
func previousTags(values map[string]any) map[string]any {
	before := make(map[string]any, len(values))
	for k, v := range values {
		before[k] = v
	}
	if _, ok := values["tags"]; ok {
		before["tags"] = map[string]any{"Environment": "prod", "ManagedBy": "terraform"}
		before["tags_all"] = before["tags"]
	}
	return before
}

func moduleAddress(path []moduleStep) string {
	var b strings.Builder
	for i, s := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(s.name)
		writeKey(&b, s.key)
	}
	return b.String()
}

func writeKey(b *strings.Builder, key any) {
	switch k := key.(type) {
	case int:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(k))
		b.WriteByte(']')
	case string:
		b.WriteString(`["`)
		b.WriteString(k)
		b.WriteString(`"]`)
	}
}

func instanceAddress(in *instance) string {
	var b strings.Builder
	if in.moduleAddr != "" {
		b.WriteString(in.moduleAddr)
		b.WriteByte('.')
	}
	if in.data {
		b.WriteString("data.")
	}
	b.WriteString(in.typ)
	b.WriteByte('.')
	b.WriteString(in.name)
	writeKey(&b, in.key)
	return b.String()
}

// compareInstances orders resource_changes as Terraform does: by module path
// (shorter first), then data before managed, type, name and key.
func compareInstances(a, b *instance) int {
	if len(a.module) != len(b.module) {
		return len(a.module) - len(b.module)
	}
	if c := compareModules(a.module, b.module); c != 0 {
		return c
	}
	if a.data != b.data {
		if a.data {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.typ, b.typ); c != 0 {
		return c
	}
	if c := strings.Compare(a.name, b.name); c != 0 {
		return c
	}
	return compareKeys(a.key, b.key)
}

func compareModules(a, b []moduleStep) int {
	for i := range min(len(a), len(b)) {
		if c := strings.Compare(a[i].name, b[i].name); c != 0 {
			return c
		}
		if c := compareKeys(a[i].key, b[i].key); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

func compareKeys(a, b any) int {
	switch a := a.(type) {
	case nil:
		if b == nil {
			return 0
		}
		return -1
	case int:
		if b, ok := b.(int); ok {
			return a - b
		}
		if b == nil {
			return 1
		}
		return -1
	case string:
		if b, ok := b.(string); ok {
			return strings.Compare(a, b)
		}
		return 1
	}
	return 0
}

// sortedByAddress returns insts sorted by address string, as planned_values
// and prior_state list them.
func sortedByAddress(insts []*instance) []*instance {
	s := slices.Clone(insts)
	slices.SortFunc(s, func(a, b *instance) int { return strings.Compare(a.addr, b.addr) })
	return s
}
