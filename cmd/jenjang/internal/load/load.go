// Package load drives a running Jenjang server with the mix of calls a regional HR office makes in a working day,
// and reports what the server did under it: throughput, latency percentiles per operation and overall, answers by
// status, and the server's memory (from /metrics) at the start, middle and end of the run.
//
// The reads are the pages people open most: an employee, the employee list, an employee's appraisals, promotion
// eligibility, JP ledger, and the region's policy. The writes are the year's work: an appraisal opened, rated by
// the superior and finalised; an enrolment and its completion; a mentoring session; an employee record updated
// with If-Match. Each client is a goroutine looping over the mix with its own keep-alive connection.
//
// A 4xx is a refusal the API is entitled to under concurrent writers (409 for a period already appraised, 412 when
// another client updated the record first) and is only counted; a 5xx, or a call that gets no answer, is a fault.
// The run needs an admin token of the region and at least two employees (jenjang serve --demo seeds some).
//
//	rep, err := load.Run(ctx, load.Config{BaseURL: "http://127.0.0.1:8080", Token: tok, Region: "kalianda",
//		Duration: 30 * time.Second, Clients: 16, ReadPercent: 80})
//	rep.WriteText(os.Stdout)
package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The operations of the mix, named after the OpenAPI operation ids of the routes they call.
const (
	OpGetEmployee       = "get-employee"
	OpListEmployees     = "list-employees"
	OpListAppraisals    = "list-employee-appraisals"
	OpEmployeePromotion = "employee-promotion"
	OpEmployeeTraining  = "employee-training"
	OpGetPolicy         = "get-policy"

	OpCreateAppraisal   = "create-appraisal"
	OpRateAppraisal     = "rate-appraisal"
	OpFinalizeAppraisal = "finalize-appraisal"
	OpEnrol             = "enrol"
	OpCompleteEnrolment = "complete-enrolment"
	OpAddSession        = "add-session"
	OpUpdateEmployee    = "update-employee"
)

// ReadOperations are the read operations, one picked at random for each read.
var ReadOperations = []string{OpGetEmployee, OpListEmployees, OpListAppraisals, OpEmployeePromotion, OpEmployeeTraining, OpGetPolicy}

// WriteOperations are the operations the write flows call (the employee update also reads the record first).
var WriteOperations = []string{OpCreateAppraisal, OpRateAppraisal, OpFinalizeAppraisal, OpEnrol, OpCompleteEnrolment, OpAddSession, OpUpdateEmployee}

// Operations returns every operation a run exercises.
func Operations() []string { return slices.Concat(ReadOperations, WriteOperations) }

// Config is a load run.
type Config struct {
	BaseURL     string        // the server, http://host:port
	Token       string        // an admin token of Region, or a national admin token
	Region      string        // the region to act on; it needs at least two employees
	Duration    time.Duration // how long to run
	Clients     int           // concurrent clients; default 16
	ReadPercent int           // the share of iterations that read, 0–100; the rest are write flows. See ParseMix
	Seed        uint64        // seeds the random choices; 0: from the clock

	// HTTPClient is used for every call; nil: a client with a keep-alive connection per client, closed at the end.
	HTTPClient *http.Client
}

// ParseMix parses a mix such as "read=80,write=20" (either part may be left out; together they make 100) into the
// read percentage.
func ParseMix(s string) (readPercent int, err error) {
	read, write := -1, -1
	for part := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || err != nil || n < 0 || n > 100 {
			return 0, fmt.Errorf("mix %q: want read=N,write=M with percentages", s)
		}
		switch strings.TrimSpace(k) {
		case "read":
			read = n
		case "write":
			write = n
		default:
			return 0, fmt.Errorf("mix %q: unknown part %q (read, write)", s, k)
		}
	}
	switch {
	case read < 0 && write < 0:
		return 0, fmt.Errorf("mix %q: empty", s)
	case read < 0:
		read = 100 - write
	case write >= 0 && read+write != 100:
		return 0, fmt.Errorf("mix %q: read and write add up to %d, not 100", s, read+write)
	}
	return read, nil
}

// MemorySample is the server's memory at a point of the run, from its /metrics.
type MemorySample struct {
	At        string        // "start", "middle" or "end"
	Elapsed   time.Duration // since the start of the run
	HeapInuse float64       // go_memstats_heap_inuse_bytes
	RSS       float64       // process_resident_memory_bytes (0 where the platform has none)
	Err       string        // why the sample is missing
}

// Report is the outcome of a run.
type Report struct {
	Region      string
	Clients     int
	ReadPercent int
	Elapsed     time.Duration
	Overall     OpReport
	Ops         []OpReport // in the order of Operations
	Memory      []MemorySample
}

// Op returns the report of one operation.
func (r *Report) Op(name string) (OpReport, bool) {
	i := slices.IndexFunc(r.Ops, func(o OpReport) bool { return o.Name == name })
	if i < 0 {
		return OpReport{}, false
	}
	return r.Ops[i], true
}

// ServerErrors returns the number of 5xx answers and unanswered calls of the run.
func (r *Report) ServerErrors() int64 { return r.Overall.ServerErrors() }

// WriteText writes the report as a table.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "region %s, %d clients, %.1fs, mix read=%d,write=%d\n\n", r.Region, r.Clients, r.Elapsed.Seconds(), r.ReadPercent, 100-r.ReadPercent)
	fmt.Fprintf(w, "%-26s %8s %8s %9s %9s %9s %9s  %s\n", "operation", "calls", "req/s", "p50", "p90", "p99", "max", "answers")
	line := func(o OpReport) {
		fmt.Fprintf(w, "%-26s %8d %8.1f %9s %9s %9s %9s  %s\n", o.Name, o.Calls, o.PerSecond, ms(o.P50), ms(o.P90), ms(o.P99), ms(o.Max), statuses(o.Statuses))
	}
	for _, o := range r.Ops {
		line(o)
	}
	line(r.Overall)
	fmt.Fprintln(w)
	for _, m := range r.Memory {
		if m.Err != "" {
			fmt.Fprintf(w, "memory %-6s (%5.1fs): %s\n", m.At, m.Elapsed.Seconds(), m.Err)
			continue
		}
		fmt.Fprintf(w, "memory %-6s (%5.1fs): heap in use %6.1f MiB, resident %6.1f MiB\n", m.At, m.Elapsed.Seconds(), m.HeapInuse/(1<<20), m.RSS/(1<<20))
	}
	fmt.Fprintf(w, "\n5xx or unanswered: %d\n", r.ServerErrors())
	for _, o := range r.Ops {
		if o.FirstError != "" {
			fmt.Fprintf(w, "first fault of %s: %.300s\n", o.Name, o.FirstError)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

func statuses(m map[int]int64) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		name := strconv.Itoa(k)
		if k == 0 {
			name = "no-answer"
		}
		parts[i] = fmt.Sprintf("%s:%d", name, m[k])
	}
	return strings.Join(parts, " ")
}

// Run drives the server for cfg.Duration and reports. Its error is for a run that could not start (the server
// unreachable, the token refused, a region without employees); faults under load are in the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Clients <= 0 {
		cfg.Clients = 16
	}
	if cfg.Duration <= 0 {
		return nil, errors.New("load: duration must be positive")
	}
	if cfg.ReadPercent < 0 || cfg.ReadPercent > 100 {
		return nil, fmt.Errorf("load: read percentage %d out of 0–100", cfg.ReadPercent)
	}
	if cfg.Seed == 0 {
		cfg.Seed = uint64(time.Now().UnixNano())
	}
	client := cfg.HTTPClient
	if client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = cfg.Clients
		tr.MaxIdleConns = cfg.Clients
		defer tr.CloseIdleConnections()
		client = &http.Client{Transport: tr, Timeout: time.Minute}
	}
	r := &runner{cfg: cfg, base: strings.TrimRight(cfg.BaseURL, "/"), client: client, ops: map[string]*opStats{}, overall: newOpStats()}
	for _, op := range Operations() {
		r.ops[op] = newOpStats()
	}
	r.prefix = r.base + "/v1/regions/" + url.PathEscape(cfg.Region)
	if err := r.setup(ctx); err != nil {
		return nil, err
	}

	rep := &Report{Region: cfg.Region, Clients: cfg.Clients, ReadPercent: cfg.ReadPercent}
	start := time.Now()
	rep.Memory = append(rep.Memory, r.memory(ctx, "start", 0))
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var (
		wg     sync.WaitGroup
		middle = make(chan MemorySample, 1)
	)
	wg.Go(func() {
		select {
		case <-time.After(cfg.Duration / 2):
			middle <- r.memory(ctx, "middle", time.Since(start))
		case <-runCtx.Done():
			middle <- MemorySample{At: "middle", Elapsed: time.Since(start), Err: "run ended first"}
		}
	})
	for i := range cfg.Clients {
		wg.Go(func() { r.loop(runCtx, rand.New(rand.NewPCG(cfg.Seed, uint64(i)))) })
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	rep.Memory = append(rep.Memory, <-middle, r.memory(ctx, "end", rep.Elapsed))
	for _, op := range Operations() {
		rep.Ops = append(rep.Ops, r.ops[op].report(op, rep.Elapsed))
	}
	rep.Overall = r.overall.report("overall", rep.Elapsed)
	return rep, nil
}

// person is an employee of the region as the run knows it.
type person struct {
	NIP        string `json:"nip"`
	Supervisor string `json:"supervisor_nip"`
}

type runner struct {
	cfg          Config
	base, prefix string
	client       *http.Client
	ops          map[string]*opStats
	overall      *opStats

	people   []person
	programs []string
	pairs    []int64
}

// loadProgram is the catalogue entry the run enrols people in: without a seat limit, so that enrolments never run
// out of seats however long the run.
const loadProgram = "LOAD-1"

// setup learns the region's employees, makes sure there is a program without a seat limit and a mentoring pair,
// and fails early when the token or region is wrong.
func (r *runner) setup(ctx context.Context) error {
	for cursor := ""; ; {
		var page struct {
			Employees []person `json:"employees"`
			Next      string   `json:"next"`
		}
		if err := r.setupCall(ctx, http.MethodGet, "/employees?limit=1000"+cursor, nil, http.StatusOK, &page); err != nil {
			return err
		}
		r.people = append(r.people, page.Employees...)
		if page.Next == "" {
			break
		}
		cursor = "&cursor=" + url.QueryEscape(page.Next)
	}
	if len(r.people) < 2 {
		return fmt.Errorf("load: region %s has %d employees; it needs at least 2 (seed it: jenjang serve --demo, or jenjang import)", r.cfg.Region, len(r.people))
	}

	prog := map[string]any{"code": loadProgram, "title": "Uji Beban", "method": "e_learning", "competency": "teknis", "jp": 2}
	if err := r.setupCall(ctx, http.MethodPost, "/training/programs", prog, http.StatusCreated, nil); err != nil && !isStatus(err, http.StatusConflict) {
		return err
	}
	var programs struct {
		Programs []struct {
			Code  string `json:"code"`
			Seats int    `json:"seats"`
		} `json:"programs"`
	}
	if err := r.setupCall(ctx, http.MethodGet, "/training/programs", nil, http.StatusOK, &programs); err != nil {
		return err
	}
	for _, p := range programs.Programs {
		if p.Seats == 0 {
			r.programs = append(r.programs, p.Code)
		}
	}
	if len(r.programs) == 0 {
		return fmt.Errorf("load: region %s has no program without a seat limit, and %s could not be created", r.cfg.Region, loadProgram)
	}

	listPairs := func() error {
		var pairs struct {
			Pairs []struct {
				ID int64 `json:"id"`
			} `json:"pairs"`
		}
		if err := r.setupCall(ctx, http.MethodGet, "/mentoring/pairs", nil, http.StatusOK, &pairs); err != nil {
			return err
		}
		r.pairs = r.pairs[:0]
		for _, p := range pairs.Pairs {
			r.pairs = append(r.pairs, p.ID)
		}
		return nil
	}
	if err := listPairs(); err != nil {
		return err
	}
	if len(r.pairs) == 0 {
		pair := map[string]any{"mentor_nip": r.people[0].NIP, "mentee_nip": r.people[1].NIP}
		if err := r.setupCall(ctx, http.MethodPost, "/mentoring/pairs", pair, http.StatusCreated, nil); err != nil && !isStatus(err, http.StatusConflict) {
			return err
		}
		if err := listPairs(); err != nil {
			return err
		}
		if len(r.pairs) == 0 {
			return fmt.Errorf("load: region %s has no mentoring pair and none could be created", r.cfg.Region)
		}
	}
	return nil
}

type statusError struct {
	status int
	msg    string
}

func (e *statusError) Error() string { return e.msg }

func isStatus(err error, status int) bool {
	var se *statusError
	return errors.As(err, &se) && se.status == status
}

// setupCall makes an unmeasured call of the set-up and decodes its answer into out.
func (r *runner) setupCall(ctx context.Context, method, path string, body any, want int, out any) error {
	status, raw, _, err := r.send(ctx, method, r.prefix+path, body)
	if err != nil {
		return fmt.Errorf("load: %s %s: %w", method, path, err)
	}
	if status != want {
		return &statusError{status, fmt.Sprintf("load: %s %s: status %d, want %d: %.300s", method, path, status, want, raw)}
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("load: %s %s: %w", method, path, err)
		}
	}
	return nil
}

// send makes one call and reads the whole answer, so that the connection is reused.
func (r *runner) send(ctx context.Context, method, u string, body any, header ...string) (int, []byte, http.Header, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+r.cfg.Token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, nil, resp.Header, err
	}
	return resp.StatusCode, raw, resp.Header, nil
}

// call makes one measured call of op. ok is false when the call failed or the run ended during it (a call cut
// by the end of the run is not counted).
func (r *runner) call(ctx context.Context, op, method, path string, body any, header ...string) (status int, raw []byte, h http.Header, ok bool) {
	t0 := time.Now()
	status, raw, h, err := r.send(ctx, method, r.prefix+path, body, header...)
	d := time.Since(t0)
	if ctx.Err() != nil {
		return 0, nil, nil, false
	}
	errText := ""
	if err != nil {
		status, errText = 0, err.Error()
	} else if status >= 500 {
		errText = fmt.Sprintf("%s %s: %d %s", method, path, status, raw)
	}
	r.ops[op].record(status, d, errText)
	r.overall.record(status, d, errText)
	return status, raw, h, err == nil
}

// loop is one client's loop.
func (r *runner) loop(ctx context.Context, rng *rand.Rand) {
	for ctx.Err() == nil {
		p := r.people[rng.IntN(len(r.people))]
		if rng.IntN(100) < r.cfg.ReadPercent {
			r.read(ctx, rng, p)
			continue
		}
		switch rng.IntN(4) {
		case 0:
			r.appraise(ctx, rng, p)
		case 1:
			r.train(ctx, rng, p)
		case 2:
			r.mentor(ctx, rng)
		case 3:
			r.updateEmployee(ctx, rng, p)
		}
	}
}

func (r *runner) read(ctx context.Context, rng *rand.Rand, p person) {
	op := ReadOperations[rng.IntN(len(ReadOperations))]
	e := "/employees/" + p.NIP
	path := map[string]string{
		OpGetEmployee:       e,
		OpListEmployees:     "/employees?limit=50",
		OpListAppraisals:    e + "/appraisals",
		OpEmployeePromotion: e + "/promotion",
		OpEmployeeTraining:  e + "/training",
		OpGetPolicy:         "/policy",
	}[op]
	r.call(ctx, op, http.MethodGet, path, nil)
}

// appraise opens an appraisal of a random period, has the superior rate both aspects, and finalises it. A period
// already appraised is a 409, which ends the flow.
func (r *runner) appraise(ctx context.Context, rng *rand.Rand, p person) {
	period := strconv.Itoa(2001 + rng.IntN(99))
	if q := rng.IntN(5); q > 0 {
		period += "-Q" + strconv.Itoa(q)
	}
	status, raw, _, ok := r.call(ctx, OpCreateAppraisal, http.MethodPost, "/appraisals", map[string]any{"nip": p.NIP, "period": period})
	if !ok || status != http.StatusCreated {
		return
	}
	var a struct {
		ID int64 `json:"id"`
	}
	if json.Unmarshal(raw, &a) != nil {
		return
	}
	rater := p.Supervisor
	if rater == "" || rater == p.NIP {
		rater = r.other(rng, p)
	}
	values := []string{"di_bawah", "sesuai", "sesuai", "di_atas"}
	id := "/appraisals/" + strconv.FormatInt(a.ID, 10)
	status, _, _, ok = r.call(ctx, OpRateAppraisal, http.MethodPost, id+"/ratings", map[string]any{"ratings": []map[string]any{
		{"source": "superior", "rater": rater, "aspect": "hasil_kerja", "value": values[rng.IntN(len(values))]},
		{"source": "superior", "rater": rater, "aspect": "perilaku_kerja", "value": values[rng.IntN(len(values))]},
	}})
	if !ok || status != http.StatusOK {
		return
	}
	r.call(ctx, OpFinalizeAppraisal, http.MethodPost, id+"/finalize", nil)
}

// other returns the NIP of another employee than p.
func (r *runner) other(rng *rand.Rand, p person) string {
	for {
		if o := r.people[rng.IntN(len(r.people))]; o.NIP != p.NIP {
			return o.NIP
		}
	}
}

// train enrols p in a program and completes the enrolment, which writes the JP ledger.
func (r *runner) train(ctx context.Context, rng *rand.Rand, p person) {
	status, raw, _, ok := r.call(ctx, OpEnrol, http.MethodPost, "/training/enrolments",
		map[string]any{"nip": p.NIP, "program": r.programs[rng.IntN(len(r.programs))]})
	if !ok || status != http.StatusCreated {
		return
	}
	var e struct {
		ID int64 `json:"id"`
	}
	if json.Unmarshal(raw, &e) != nil {
		return
	}
	r.call(ctx, OpCompleteEnrolment, http.MethodPost, "/training/enrolments/"+strconv.FormatInt(e.ID, 10)+"/complete", map[string]any{})
}

// mentor records a session of a random pair, on a day of the last year.
func (r *runner) mentor(ctx context.Context, rng *rand.Rand) {
	pair := r.pairs[rng.IntN(len(r.pairs))]
	day := time.Now().AddDate(0, 0, -rng.IntN(300)).Format(time.DateOnly)
	r.call(ctx, OpAddSession, http.MethodPost, "/mentoring/pairs/"+strconv.FormatInt(pair, 10)+"/sessions",
		map[string]any{"date": day, "minutes": 30 + rng.IntN(90), "topic": "Uji beban"})
}

// updateEmployee reads p's record and writes it back with a new potential score, under If-Match: a client that
// lost the race to another gets 412.
func (r *runner) updateEmployee(ctx context.Context, rng *rand.Rand, p person) {
	path := "/employees/" + p.NIP
	status, raw, h, ok := r.call(ctx, OpGetEmployee, http.MethodGet, path, nil)
	if !ok || status != http.StatusOK {
		return
	}
	var e map[string]any
	if json.Unmarshal(raw, &e) != nil {
		return
	}
	for _, k := range []string{"region", "grade_name", "version"} { // answer-only fields
		delete(e, k)
	}
	e["potential_score"] = 50 + rng.IntN(50)
	r.call(ctx, OpUpdateEmployee, http.MethodPut, path, e, "If-Match", h.Get("ETag"))
}

// memory samples the server's /metrics.
func (r *runner) memory(ctx context.Context, at string, elapsed time.Duration) MemorySample {
	m := MemorySample{At: at, Elapsed: elapsed}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	status, raw, _, err := r.send(ctx, http.MethodGet, r.base+"/metrics", nil)
	if err != nil || status != http.StatusOK {
		m.Err = fmt.Sprintf("GET /metrics: %d %v", status, err)
		return m
	}
	found := false
	for line := range strings.Lines(string(raw)) {
		name, value, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "go_memstats_heap_inuse_bytes":
			m.HeapInuse, found = v, true
		case "process_resident_memory_bytes":
			m.RSS = v
		}
	}
	if !found {
		m.Err = "no go_memstats_heap_inuse_bytes in /metrics"
	}
	return m
}
