// Command client shows how another system calls a Jenjang server over its HTTP API — say the nightly job of an HR
// office's SIMPEG that pushes the day's employee export and pulls the rank-promotion list. It uses only the standard
// library: the API is plain HTTP and JSON, with a bearer token and RFC 9457 problem answers.
//
// Run it from the repository root against a running server (`make run`, see README.md beside this file):
//
//	export JENJANG_TOKEN=jjg_…   # an admin token of the region, or a national one
//	go run ./examples/client -server http://127.0.0.1:8080 -region kalianda -date 2026-04-01 \
//	    -import examples/client/employees.csv
//
// With -import it first uploads the CSV (or XLSX) file to POST /v1/regions/{region}/employees/import and prints the
// import's summary and every row the server refused, by row and column. Then it fetches
// GET /v1/regions/{region}/promotions/eligibility and prints who is eligible for rank promotion (kenaikan pangkat)
// on the date, with the TMT, and for everyone else the criteria they fail — the same report examples/embed makes in
// process, here decided, stored and audited by the server with the region's policy.
//
// The token comes from the environment variable JENJANG_TOKEN and never from a flag: a flag would land in the shell
// history and in every `ps` listing. The exit status is 1 when the server refuses a request (the problem's status,
// title and detail are printed, in the language of -lang), when the import skipped rows, or on any other failure.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(1)
	}
}

// run is the whole program, with its arguments, environment and outputs passed in so that a test can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "http://127.0.0.1:8080", "base URL of the Jenjang server")
	region := fs.String("region", "", "region code, as in /v1/regions/{region} (required)")
	date := fs.String("date", "", "the date eligibility is judged at, YYYY-MM-DD; empty means the server's today")
	file := fs.String("import", "", "a CSV or XLSX file of employees to import first (optional)")
	skip := fs.Bool("skip-invalid", false, "with -import: write the valid rows and report the invalid ones, instead of writing nothing")
	lang := fs.String("lang", "id", "language of the answers and of this report: id or en")
	timeout := fs.Duration("timeout", 5*time.Minute, "how long the whole run may take")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	case *region == "":
		return errors.New("-region is required")
	case *lang != "id" && *lang != "en":
		return fmt.Errorf("-lang: %q is neither id nor en", *lang)
	}
	if *date != "" {
		if _, err := time.Parse(time.DateOnly, *date); err != nil {
			return fmt.Errorf("-date: %q is not a date of the form YYYY-MM-DD", *date)
		}
	}
	token := strings.TrimSpace(getenv("JENJANG_TOKEN"))
	if token == "" {
		return errors.New("set JENJANG_TOKEN to a bearer token of the region (jenjang token create --region R --role admin)")
	}
	c, err := newClient(*server, token, *lang, *timeout)
	if err != nil {
		return err
	}
	if c.base.Scheme == "http" && !isLoopback(c.base.Hostname()) {
		fmt.Fprintf(stderr, "client: warning: the token goes in clear text to %s; use https beyond this machine\n", c.base.Host)
	}

	// One deadline for the whole job, so that a nightly run never hangs; Ctrl-C (main) cancels it too.
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	r := reporter{w: stdout, en: *lang == "en"}
	skipped := 0
	if *file != "" {
		res, err := c.importEmployees(ctx, *region, *file, *skip)
		if res != nil {
			r.importResult(*region, res, err != nil)
			skipped = res.Skipped
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout)
	}
	if err := r.eligibility(ctx, c, *region, *date); err != nil {
		return err
	}
	if skipped > 0 {
		return fmt.Errorf("%d row(s) of %s were not imported", skipped, *file)
	}
	return nil
}

// client calls one Jenjang server with one bearer token. Every request carries the token, the language the
// answers should be in and a deadline; every refusal comes back as a *problem.
type client struct {
	base  *url.URL
	token string
	lang  string
	http  *http.Client
}

// newClient checks the server's base URL and returns a client for it. The http.Client's timeout bounds each
// request, reading the answer included, also when a caller forgets to give its context a deadline.
func newClient(server, token, lang string, timeout time.Duration) (*client, error) {
	u, err := url.Parse(strings.TrimRight(server, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("-server: %q is not an http:// or https:// URL", server)
	}
	return &client{base: u, token: token, lang: lang, http: &http.Client{Timeout: timeout}}, nil
}

// isLoopback reports whether host is this machine, where a token in clear text does not cross a network.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// do sends a request to path (below the base URL) and returns the response of a success (2xx). Any other status
// is decoded into a *problem, and the response is closed.
func (c *client) do(ctx context.Context, method, path string, query url.Values, body io.Reader, contentType string) (*http.Response, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json, application/problem+json")
	req.Header.Set("Accept-Language", c.lang) // titles, details and the criteria's texts come back in this language
	req.Header.Set("User-Agent", "jenjang-example-client/1")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// No answer at all: the server is down, the name does not resolve, the deadline passed.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("no answer from %s: %w", c.base.Redacted(), err)
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	defer resp.Body.Close()
	return nil, problemFrom(resp)
}

// problem is an RFC 9457 problem detail (application/problem+json), the body of every error answer of the server.
// Code is stable for programs; Title, Detail and the messages are for people, in the language asked for.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Code      string `json:"code"`
	RequestID string `json:"request_id"` // quote it to the server's operators: it is in their log
	Errors    []struct {
		Location string `json:"location"` // body.nip, query.date, row[7].golongan, …
		Message  string `json:"message"`
	} `json:"errors"`
}

// problemFrom reads the problem of a failed response. An answer that is not a problem (a proxy's HTML error page)
// becomes one with the HTTP status text, never the page itself.
func problemFrom(resp *http.Response) *problem {
	p := &problem{}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "application/problem+json" || mt == "application/json" {
		// Bounded: an import's 422 lists up to 10,000 rows, nothing legitimate is bigger.
		if err := json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(p); err != nil {
			p = &problem{}
		}
	}
	if p.Status == 0 {
		p.Status = resp.StatusCode
	}
	if p.Title == "" {
		p.Title = http.StatusText(resp.StatusCode)
	}
	if p.RequestID == "" {
		p.RequestID = resp.Header.Get("X-Request-Id")
	}
	return p
}

// headline is the problem in one line: "401 Unauthorized: The access token is invalid or revoked."
func (p *problem) headline() string {
	s := strconv.Itoa(p.Status) + " " + p.Title
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// Error is the headline, the first inputs at fault and the request id.
func (p *problem) Error() string {
	var b strings.Builder
	b.WriteString(p.headline())
	for i, e := range p.Errors {
		if i == 5 {
			fmt.Fprintf(&b, "; … %d more", len(p.Errors)-i)
			break
		}
		b.WriteString("; ")
		if e.Location != "" {
			b.WriteString(e.Location + ": ")
		}
		b.WriteString(e.Message)
	}
	if p.RequestID != "" {
		b.WriteString(" (request " + p.RequestID + ")")
	}
	return b.String()
}

// importResult is the answer of an import: what was written, and what is wrong with the file by row and column.
type importResult struct {
	File       string     `json:"file"`
	Rows       int        `json:"rows"`      // data rows read
	Imported   int        `json:"imported"`  // new employees
	Updated    int        `json:"updated"`   // existing employees changed
	Unchanged  int        `json:"unchanged"` // existing employees the file matched exactly
	Skipped    int        `json:"skipped"`   // invalid rows not written (skip_invalid)
	Predicates int        `json:"predicates"`
	Errors     []rowError `json:"errors"`
	ErrorCount int        `json:"error_count"` // all errors; Errors may list fewer
	Ignored    []string   `json:"ignored_columns"`
}

// rowError is one thing wrong with an import file. Row is as the file numbers it (the header is row 1); 0 is the
// file as a whole. Column is the canonical column name, "" for the whole row.
type rowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// refused is the error of an import that wrote nothing because the file is at fault (422). Its rows are in the
// importResult returned with it; the error itself says only what happened, so that they are not printed twice.
type refused struct{ *problem }

func (r refused) Error() string {
	s := "import refused, nothing was written: " + r.headline()
	if r.RequestID != "" {
		s += " (request " + r.RequestID + ")"
	}
	return s
}

func (r refused) Unwrap() error { return r.problem }

// importEmployees uploads a CSV or XLSX file to POST /v1/regions/{region}/employees/import. The file is the raw
// request body, streamed from disk (a multipart form with the field "file" works too, but needs more code for no
// gain); its name goes in the query, for the audit log. By default one invalid row and nothing is written: the
// answer is a 422 problem whose errors are located as row[7].golongan, returned here as an importResult together
// with a refused error. With skipInvalid the valid rows are written and the answer lists the others. Existing NIPs
// are updated, so the same nightly export may be sent again and again.
func (c *client) importEmployees(ctx context.Context, region, file string, skipInvalid bool) (*importResult, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	contentType := "text/csv"
	if strings.EqualFold(filepath.Ext(file), ".xlsx") {
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	q := url.Values{"filename": {filepath.Base(file)}}
	if skipInvalid {
		q.Set("skip_invalid", "true")
	}
	resp, err := c.do(ctx, http.MethodPost, "/v1/regions/"+url.PathEscape(region)+"/employees/import", q, f, contentType)
	var p *problem
	if errors.As(err, &p) && isFileProblem(p) {
		res := &importResult{File: filepath.Base(file), ErrorCount: len(p.Errors)}
		for _, e := range p.Errors {
			res.Errors = append(res.Errors, rowErrorAt(e.Location, e.Message))
		}
		return res, refused{p}
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var res importResult
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("reading the import's answer: %w", err)
	}
	return &res, nil
}

// isFileProblem reports whether p is the 422 of a file at fault: every error located in a row or the file.
func isFileProblem(p *problem) bool {
	if p.Status != http.StatusUnprocessableEntity || len(p.Errors) == 0 {
		return false
	}
	for _, e := range p.Errors {
		if e.Location != "file" && !strings.HasPrefix(e.Location, "row[") {
			return false
		}
	}
	return true
}

// rowErrorAt turns a problem's location ("row[7].golongan", "row[7]", "file") back into a row and a column.
func rowErrorAt(location, message string) rowError {
	rest, ok := strings.CutPrefix(location, "row[")
	num, col, ok2 := strings.Cut(rest, "]")
	n, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil {
		return rowError{Message: message} // the file as a whole
	}
	return rowError{Row: n, Column: strings.TrimPrefix(col, "."), Message: message}
}

// decision is the server's answer to "may this employee be promoted": the outcome and every criterion applied.
type decision struct {
	Kind      string            `json:"kind"`    // promotion.regular, promotion.functional, promotion.structural
	Outcome   string            `json:"outcome"` // eligible, not_yet, not_eligible
	NotBefore string            `json:"not_before"`
	Criteria  []criterion       `json:"criteria"`
	Details   map[string]string `json:"details"` // from_grade, to_grade, tmt, …
	Policy    policyRef         `json:"policy"`
}

// criterion is one rule of a decision. Code is stable, for programs; Text is the rule in the language asked for.
type criterion struct {
	Code     string `json:"code"`
	Passed   bool   `json:"passed"`
	Required string `json:"required"`
	Found    string `json:"found"`
	Source   string `json:"source"` // the regulation, or the region's policy parameter
	Text     string `json:"text"`
}

// policyRef names the policy that decided: the region's plugin, or "national".
type policyRef struct {
	Region  string `json:"region"`
	Version string `json:"version"`
}

// eligibilityRow is one employee of a region-wide run: a decision, or the problem that kept them from one.
type eligibilityRow struct {
	NIP      string    `json:"nip"`
	Name     string    `json:"name"`
	Decision *decision `json:"decision"`
	Error    *problem  `json:"error"`
}

// eligibilityRun is what the answer says besides its rows.
type eligibilityRun struct {
	Date    string
	Policy  policyRef
	Summary map[string]int // employees by outcome
}

// eligibility runs GET /v1/regions/{region}/promotions/eligibility?date= and hands each employee's row to each,
// as it arrives. The server streams the answer one batch at a time, so that a region of any size costs it — and
// this client — the memory of one batch:
//
//	{"date": …, "policy": {…}, "results": [row, row, …], "summary": {"eligible": n, …}}
//
// A complete answer ends with "summary". A run that fails after the answer started ends with an "error" member (a
// problem) instead and is cut off; either way eligibility returns an error, so that a partial list is never taken
// for the whole region. Every decision is stored by the server, with its inputs and the policy that made it.
func (c *client) eligibility(ctx context.Context, region, date string, each func(eligibilityRow) error) (*eligibilityRun, error) {
	q := url.Values{}
	if date != "" {
		q.Set("date", date)
	}
	resp, err := c.do(ctx, http.MethodGet, "/v1/regions/"+url.PathEscape(region)+"/promotions/eligibility", q, nil, "")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	ans, err := decodeEligibility(json.NewDecoder(resp.Body), each)
	if err != nil {
		return nil, fmt.Errorf("eligibility of %s: %w", region, err)
	}
	return ans, nil
}

// decodeEligibility reads the streamed answer member by member, and the results one row at a time.
func decodeEligibility(dec *json.Decoder, each func(eligibilityRow) error) (*eligibilityRun, error) {
	var run eligibilityRun
	cut := func(err error) error {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return errors.New("the answer was cut off before its end: the list is incomplete, run again")
		}
		return fmt.Errorf("reading the answer: %w", err)
	}
	if err := expect(dec, '{'); err != nil {
		return nil, cut(err)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, cut(err)
		}
		switch key {
		case "date":
			err = dec.Decode(&run.Date)
		case "policy":
			err = dec.Decode(&run.Policy)
		case "summary":
			err = dec.Decode(&run.Summary)
		case "error":
			p := &problem{}
			if err := dec.Decode(p); err != nil {
				return nil, cut(err)
			}
			return nil, fmt.Errorf("the server stopped half-way, the list is incomplete: %w", p)
		case "results":
			if err := expect(dec, '['); err != nil {
				return nil, cut(err)
			}
			for dec.More() {
				var row eligibilityRow
				if err := dec.Decode(&row); err != nil {
					return nil, cut(err)
				}
				if err := each(row); err != nil {
					return nil, err
				}
			}
			err = expect(dec, ']')
		default:
			err = dec.Decode(new(json.RawMessage)) // a member added by a newer server
		}
		if err != nil {
			return nil, cut(err)
		}
	}
	if err := expect(dec, '}'); err != nil {
		return nil, cut(err)
	}
	if run.Summary == nil {
		return nil, errors.New("the answer has no summary: the list is incomplete, run again")
	}
	return &run, nil
}

// expect reads the next JSON token and checks that it is the delimiter d.
func expect(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return fmt.Errorf("expected %q, found %v", d, t)
	}
	return nil
}

// reporter prints what the server answered, in Indonesian or English, in the layout of examples/embed.
type reporter struct {
	w  io.Writer
	en bool
}

func (r reporter) say(id, en string) string {
	if r.en {
		return en
	}
	return id
}

// importResult prints the import's summary, the columns the server did not know and the rows it did not write.
func (r reporter) importResult(region string, res *importResult, refused bool) {
	if refused {
		fmt.Fprintf(r.w, "%s %s %s %s: %s (%d %s)\n", r.say("Impor", "Import of"), res.File, r.say("ke", "into"), region,
			r.say("ditolak, tidak ada data yang disimpan", "refused, nothing was written"), res.ErrorCount, r.say("kesalahan", plural(res.ErrorCount, "error")))
	} else {
		fmt.Fprintf(r.w, "%s %s %s %s: %d %s; %d %s, %d %s, %d %s, %d %s; %d %s\n",
			r.say("Impor", "Import of"), res.File, r.say("ke", "into"), region, res.Rows, r.say("baris", "rows"),
			res.Imported, r.say("baru", "new"), res.Updated, r.say("diperbarui", "updated"),
			res.Unchanged, r.say("tidak berubah", "unchanged"), res.Skipped, r.say("dilewati", "skipped"),
			res.Predicates, r.say("predikat", "predicates"))
	}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(r.w, "%s: %s\n", r.say("Kolom yang diabaikan", "Columns ignored"), strings.Join(res.Ignored, ", "))
	}
	if len(res.Errors) == 0 {
		return
	}
	fmt.Fprintf(r.w, "\n%s:\n", r.say("Baris yang tidak diimpor", "Rows not imported"))
	for _, e := range res.Errors {
		switch {
		case e.Row == 0:
			fmt.Fprintf(r.w, "  %s: %s\n", r.say("berkas", "file"), e.Message)
		case e.Column == "":
			fmt.Fprintf(r.w, "  %s %d: %s\n", r.say("baris", "row"), e.Row, e.Message)
		default:
			fmt.Fprintf(r.w, "  %s %d, %s %s: %s\n", r.say("baris", "row"), e.Row, r.say("kolom", "column"), e.Column, e.Message)
		}
	}
	if more := res.ErrorCount - len(res.Errors); more > 0 && !refused {
		fmt.Fprintf(r.w, "  … %d %s\n", more, r.say("kesalahan lain", "more errors"))
	}
}

// eligibility fetches the region's eligibility and prints it grouped by outcome: eligible employees with their
// TMT, then those not yet eligible with the date they will be, then those not eligible, each with the criteria
// they fail (code, rule, required and found values, source), then those the server could not judge.
func (r reporter) eligibility(ctx context.Context, c *client, region, date string) error {
	groups := map[string][]string{}
	n := 0
	ans, err := c.eligibility(ctx, region, date, func(row eligibilityRow) error {
		n++
		head := fmt.Sprintf("  %s  %-20s", formatNIP(row.NIP), row.Name)
		d := row.Decision
		if d == nil {
			msg := r.say("tanpa keputusan", "no decision")
			if row.Error != nil {
				msg = row.Error.headline()
			}
			groups["error"] = append(groups["error"], head+"  "+msg)
			return nil
		}
		head = strings.TrimRight(head+" "+grades(d), " ")
		switch d.Outcome {
		case "eligible":
			head += "  TMT " + d.Details["tmt"]
		case "not_yet":
			head += "  " + r.say("memenuhi syarat mulai", "eligible from") + " " + d.NotBefore + ", TMT " + d.Details["tmt"]
		}
		lines := []string{head}
		for _, cr := range d.Criteria {
			if !cr.Passed {
				lines = append(lines, "      "+r.failed(cr))
			}
		}
		groups[d.Outcome] = append(groups[d.Outcome], lines...)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(r.w, "%s %s, %s %s (%s %s %s): %d %s\n", r.say("Kenaikan pangkat per", "Rank promotion on"), ans.Date,
		r.say("wilayah", "region"), region, r.say("kebijakan", "policy"), ans.Policy.Region, ans.Policy.Version,
		n, r.say("pegawai", "employees"))
	order := []struct{ outcome, id, en string }{
		{"eligible", "Memenuhi syarat", "Eligible"},
		{"not_yet", "Belum memenuhi syarat", "Not yet eligible"},
		{"not_eligible", "Tidak memenuhi syarat", "Not eligible"},
	}
	for _, g := range order {
		fmt.Fprintf(r.w, "\n%s:\n", r.say(g.id, g.en))
		if len(groups[g.outcome]) == 0 {
			fmt.Fprintln(r.w, "  -")
		}
		for _, l := range groups[g.outcome] {
			fmt.Fprintln(r.w, l)
		}
		delete(groups, g.outcome)
	}
	if lines := groups["error"]; len(lines) > 0 {
		fmt.Fprintf(r.w, "\n%s:\n", r.say("Tidak dapat dinilai", "Could not be judged"))
		for _, l := range lines {
			fmt.Fprintln(r.w, l)
		}
		delete(groups, "error")
	}
	for outcome, lines := range groups { // an outcome this client does not know yet
		fmt.Fprintf(r.w, "\n%s:\n", outcome)
		for _, l := range lines {
			fmt.Fprintln(r.w, l)
		}
	}
	return nil
}

// failed prints a failed criterion: "✗ promotion.predicate: Predicate at least Good … (required …; found …; source)".
func (r reporter) failed(cr criterion) string {
	line := "✗ " + cr.Code + ": " + cr.Text
	var parts []string
	if cr.Required != "" {
		parts = append(parts, r.say("syarat", "required")+" "+cr.Required)
	}
	if cr.Found != "" {
		parts = append(parts, r.say("nilai", "found")+" "+cr.Found)
	}
	if cr.Source != "" {
		parts = append(parts, cr.Source)
	}
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, "; ") + ")"
	}
	return line
}

// plural is "1 error", "2 errors" without the number.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// grades prints "III/c → III/d" from a decision's details; empty when the decision names no grade (a PPPK).
func grades(d *decision) string {
	from, to := d.Details["from_grade"], d.Details["to_grade"]
	if from == "" || to == "" {
		return ""
	}
	return from + " → " + to
}

// formatNIP prints an 18-digit NIP in its four groups, as on an SK: 19820314 200801 1 003.
func formatNIP(nip string) string {
	if len(nip) != 18 {
		return nip
	}
	return nip[:8] + " " + nip[8:14] + " " + nip[14:15] + " " + nip[15:]
}
