package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
)

// ImportMaxBodyBytes bounds an import upload: a 100,000-employee CSV is ~25 MiB, the same XLSX ~8 MiB.
const ImportMaxBodyBytes = 64 << 20

// importReadTimeout bounds the upload of an import body, which the server's default body timeout would cut.
const importReadTimeout = 5 * time.Minute

// importSlots bounds the imports running at once: each spools its upload to a temporary file and holds a write
// transaction (on SQLite, the one writer) while writing.
var importSlots = make(chan struct{}, 2)

// importOperation is the route of POST /v1/regions/{region}/employees/import. The body is read by the handler
// itself, streamed to a temporary file (never held in memory), so the operation declares no Huma body; its
// middleware hands the raw request body to the handler. A function, because Huma keeps and amends what it registers.
func importOperation() huma.Operation {
	return huma.Operation{
		OperationID: "import-employees", Method: http.MethodPost, Path: "/v1/regions/{region}/employees/import",
		Tags:    []string{"Employees"},
		Summary: "Import employees from a CSV or XLSX file",
		Description: "Send the file as the raw body (`Content-Type: text/csv` or `" + importer.XLSXContentType + "`) or as " +
			"`multipart/form-data` with the file in the field `file`. The columns are those of a SIMPEG/SIASN export " +
			"(nip, nama, jenis_pegawai, golongan, tmt_golongan, jabatan, jenis_jabatan, jenjang, bidang, layanan_publik, " +
			"tmt_jabatan, golongan_terendah, pendidikan, unit_kerja, instansi, nip_atasan, tmt_cpns, angka_kredit, " +
			"predikat_<year>, potensi, and the current disciplinary sanction: hukuman_disiplin, tmt_hukuman, hukuman_sampai), " +
			"matched case-insensitively with common aliases. Without the golongan_terendah or hukuman_disiplin column " +
			"the stored lowest grade or sanctions stay as they are; a row's sanction is added to the employee's stored " +
			"sanctions (one with the same level and tmt_hukuman is the same sanction, whose hukuman_sampai the row " +
			"updates), an import never deletes a sanction and an empty hukuman_disiplin cell leaves them as they are: " +
			"clearing or deleting sanctions is done with PUT /employees/{nip}.\n\n" +
			"Every row is validated before anything is written. By default one invalid row means nothing is written: the " +
			"answer is 422 with every error in `errors`, located as `row[7].golongan` (the row number as in the file, the " +
			"canonical column), `row[7]` (the whole row) or `file`. With `skip_invalid=true` the valid rows are written " +
			"and the answer (200) lists the invalid ones. Existing NIPs are updated (`existing=update`, the default: a " +
			"changed grade or position goes to the history, a deleted employee is restored) or refused " +
			"(`existing=reject`). The write is one transaction with one audit event.",
		MaxBodyBytes: ImportMaxBodyBytes,
		Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity},
		RequestBody: &huma.RequestBody{
			Description: "The file: raw CSV or XLSX, or multipart/form-data with the field `file`.",
			Required:    true,
			// No schemas: a raw body of a media type needs none in OpenAPI 3.1, and Huma would write `format: binary`
			// with a contentMediaType that is 3.1 only and would make the 3.0 document invalid.
			Content: map[string]*huma.MediaType{
				"text/csv":                 {},
				importer.XLSXContentType:   {},
				"application/octet-stream": {},
				"multipart/form-data":      {}, // a form with the field "file"
			},
		},
		Middlewares: huma.Middlewares{passUpload},
	}
}

// upload is the raw request body and what the request says about it.
type upload struct {
	body        io.Reader
	contentType string
	setDeadline func(time.Time) error
}

type uploadKey struct{}

// passUpload hands the request body to the handler through the context: Huma reads no body for the operation.
func passUpload(hctx huma.Context, next func(huma.Context)) {
	next(huma.WithValue(hctx, uploadKey{}, upload{
		body: hctx.BodyReader(), contentType: hctx.Header("Content-Type"), setDeadline: hctx.SetReadDeadline,
	}))
}

// ImportInput is the input of POST /v1/regions/{region}/employees/import.
type ImportInput struct {
	RegionPath
	SkipInvalid bool   `query:"skip_invalid" doc:"Write the valid rows and report the invalid ones, instead of writing nothing when a row is invalid"`
	Existing    string `query:"existing" enum:"update,reject" default:"update" doc:"What to do with NIPs already in the region"`
	Filename    string `query:"filename" maxLength:"255" doc:"Name of the file for the audit log and format detection, when the body is raw"`
}

// ImportOutput is the answer of a successful import (also with skip_invalid and invalid rows).
type ImportOutput struct {
	Body *importer.Result
}

func (s *server) importEmployees(ctx context.Context, in *ImportInput) (*ImportOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	existing, err := importer.ParseExisting(in.Existing)
	if err != nil {
		return nil, err
	}
	up, ok := ctx.Value(uploadKey{}).(upload)
	if !ok {
		return nil, errors.New("api: import operation without its upload middleware")
	}
	if up.setDeadline != nil {
		_ = up.setDeadline(time.Now().Add(importReadTimeout)) // unsupported by some writers (tests); the body is bounded anyway
	}

	select {
	case importSlots <- struct{}{}:
		defer func() { <-importSlots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}

	path, name, contentType, err := spool(ctx, up, in.Filename)
	if path != "" {
		defer os.Remove(path)
	}
	if err != nil {
		return nil, err
	}
	res, err := importer.Import(ctx, s.store, importer.File{Path: path, Name: name, ContentType: contentType}, importer.Options{
		Region: in.Region, Actor: p.Actor(), Record: EmployeeRecord, SkipInvalid: in.SkipInvalid, Existing: existing,
	})
	var invalid *importer.InvalidError
	if errors.As(err, &invalid) {
		return nil, importProblem(ctx, invalid.Result)
	}
	if err != nil {
		return nil, err
	}
	Logger(ctx).Info("employees imported", "region", in.Region, "file", name, "rows", res.Rows, "imported", res.Imported,
		"updated", res.Updated, "unchanged", res.Unchanged, "skipped", res.Skipped)
	return &ImportOutput{Body: localizeResult(ctx, res)}, nil
}

// localizeResult returns res with the messages of its errors in the request's language.
func localizeResult(ctx context.Context, res *importer.Result) *importer.Result {
	if len(res.Errors) == 0 {
		return res
	}
	out := *res
	out.Errors = make([]importer.RowError, len(res.Errors))
	for i, e := range res.Errors {
		out.Errors[i] = e.In(langOf(ctx))
	}
	return &out
}

// spool copies the uploaded file to a temporary file, which the importer reads twice. It returns the file's name
// (from the multipart part, the filename parameter or a default) and its declared media type.
func spool(ctx context.Context, up upload, filename string) (path, name, contentType string, err error) {
	mt, params, perr := mime.ParseMediaType(up.contentType)
	if up.contentType == "" || perr != nil {
		mt = "application/octet-stream"
	}
	body := up.body
	switch mt {
	case "multipart/form-data":
		part, err := filePart(ctx, multipart.NewReader(body, params["boundary"]))
		if err != nil {
			return "", "", "", err
		}
		defer part.Close()
		body, name, contentType = part, part.FileName(), part.Header.Get("Content-Type")
	case "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", importer.XLSXContentType, "application/octet-stream":
		contentType = mt
	default:
		return "", "", "", uploadProblem(ctx, http.StatusUnsupportedMediaType,
			"Kirim berkas sebagai text/csv, "+importer.XLSXContentType+" atau multipart/form-data.",
			"Send the file as text/csv, "+importer.XLSXContentType+" or multipart/form-data.")
	}
	if filename != "" {
		name = filename
	}
	name = filepath.Base(filepath.Clean("/" + name)) // a name, never a path
	if name == "/" || name == "." {
		name = "upload"
	}

	f, err := os.CreateTemp("", "jenjang-import-*")
	if err != nil {
		return "", "", "", err
	}
	defer f.Close()
	n, err := io.Copy(f, io.LimitReader(contextReader{ctx, body}, ImportMaxBodyBytes+1))
	switch {
	case errors.As(err, new(*http.MaxBytesError)) || n > ImportMaxBodyBytes:
		return f.Name(), "", "", newProblem(ctx, http.StatusRequestEntityTooLarge, msgBodyTooLarge)
	case err != nil:
		if ctx.Err() != nil {
			return f.Name(), "", "", ctx.Err()
		}
		return f.Name(), "", "", newProblem(ctx, http.StatusBadRequest, msgBadRequest)
	}
	return f.Name(), name, contentType, f.Close()
}

// filePart finds the file in a multipart form: the part named "file", or else the first part with a file name.
func filePart(ctx context.Context, mr *multipart.Reader) (*multipart.Part, error) {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, &career.Error{Code: career.Invalid, Field: "body.file", Message: "the form has no file: send it in the field \"file\"",
				ID: "formulir tidak memuat berkas: kirim berkas pada kolom \"file\""}
		}
		if err != nil {
			return nil, newProblem(ctx, http.StatusBadRequest, msgBadRequest)
		}
		if part.FormName() == "file" || part.FileName() != "" {
			return part, nil
		}
		part.Close()
	}
}

// contextReader stops reading when the request is cancelled.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// importProblem is the 422 of an import that wrote nothing: every error of the file, located by row and column.
func importProblem(ctx context.Context, res *importer.Result) *Problem {
	p := newProblemCode(ctx, http.StatusUnprocessableEntity, string(career.Invalid), msgValidation)
	if infoFrom(ctx).lang == english {
		p.Detail = fmt.Sprintf("The file has %d errors; nothing was written. Fix the rows listed in errors, or send skip_invalid=true to import the valid rows.", res.ErrorCount)
	} else {
		p.Detail = fmt.Sprintf("Berkas memuat %d kesalahan; tidak ada data yang disimpan. Perbaiki baris yang disebut di errors, atau kirim skip_invalid=true untuk mengimpor baris yang valid.", res.ErrorCount)
	}
	p.Errors = make([]*FieldError, 0, len(res.Errors)+1)
	lang := langOf(ctx)
	for _, e := range res.Errors {
		p.Errors = append(p.Errors, &FieldError{Location: rowLocation(e), Message: e.In(lang).Message})
	}
	if more := res.ErrorCount - len(res.Errors); more > 0 {
		m := strconv.Itoa(more) + " kesalahan lain tidak dicantumkan"
		if infoFrom(ctx).lang == english {
			m = strconv.Itoa(more) + " more errors are not listed"
		}
		p.Errors = append(p.Errors, &FieldError{Location: "file", Message: m})
	}
	return p
}

// rowLocation locates an import error: "row[7].golongan", "row[7]" or "file".
func rowLocation(e importer.RowError) string {
	switch {
	case e.Row == 0:
		return "file"
	case e.Column == "":
		return "row[" + strconv.Itoa(e.Row) + "]"
	}
	return "row[" + strconv.Itoa(e.Row) + "]." + e.Column
}

// uploadProblem is a problem about the upload itself, with its detail in the request's language.
func uploadProblem(ctx context.Context, status int, id, en string) *Problem {
	p := newProblem(ctx, status, msgBadRequest)
	p.Detail = id
	if infoFrom(ctx).lang == english {
		p.Detail = en
	}
	return p
}
