package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Format is the format of an import file.
type Format int

// The formats the importer reads.
const (
	FormatUnknown Format = iota
	CSV                  // comma-, semicolon- or tab-separated text in UTF-8
	XLSX                 // an Office Open XML workbook; the first sheet is read
)

func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case XLSX:
		return "xlsx"
	}
	return "unknown"
}

// XLSXContentType is the media type of an XLSX workbook.
const XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // legacy .xls, or an encrypted workbook
)

// Detect tells the format of a file from its first bytes, falling back to its name and media type: an XLSX is a
// zip ("PK\x03\x04"); anything else that is text is CSV. It returns an error (career.Invalid through ImportError)
// for a legacy .xls workbook and for a file that claims to be XLSX but is not a zip.
func Detect(head []byte, name, contentType string) (Format, error) {
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return XLSX, nil
	case bytes.HasPrefix(head, oleMagic):
		return FormatUnknown, errFile("berkas adalah buku kerja Excel lama (.xls) atau dilindungi kata sandi; simpan sebagai .xlsx atau CSV UTF-8",
			"the file is a legacy Excel (.xls) or password-protected workbook; save it as .xlsx or CSV UTF-8")
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	ext := strings.ToLower(filepath.Ext(name))
	if mt == XLSXContentType || ext == ".xlsx" {
		return FormatUnknown, errFile("berkas dinamai atau dikirim sebagai XLSX tetapi bukan buku kerja XLSX",
			"the file is named or sent as XLSX but is not an XLSX workbook")
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return FormatUnknown, errFile("berkas bukan teks CSV maupun buku kerja XLSX", "the file is neither CSV text nor an XLSX workbook")
	}
	return CSV, nil
}

// rowReader yields the rows of a file one at a time. Next returns the row number as the file shows it (the first
// row is 1) and the cells, which stay valid only until the next call; io.EOF at the end. An error of type
// *rowError concerns that row alone and reading may go on; any other error ends the file.
type rowReader interface {
	Next() (row int, cells []string, err error)
	// Date1904 reports whether serial dates count from 1904 (old Mac workbooks) instead of 1900.
	Date1904() bool
	Close() error
}

// rowError is a row the file format itself could not read (a stray quote in a CSV line). msg is in English, id in
// Indonesian.
type rowError struct {
	row     int
	id, msg string
}

func (e *rowError) Error() string { return fmt.Sprintf("row %d: %s", e.row, e.msg) }

// fileError is a file the importer cannot read at all. msg is in English, id in Indonesian.
type fileError struct{ id, msg string }

func (e *fileError) Error() string { return e.msg }

// errFile is a fileError saying id in Indonesian and en in English.
func errFile(id, en string) error { return &fileError{id: id, msg: en} }

// openRows opens the file at path in the given format. read, if not nil, is told of every byte read (for progress).
func openRows(path string, format Format, read func(n int)) (rowReader, error) {
	switch format {
	case CSV:
		return openCSV(path, read)
	case XLSX:
		return openXLSX(path)
	}
	return nil, errFile("format berkas tidak dikenal", "unknown file format")
}

// csvRows reads CSV with encoding/csv, one record at a time, reusing its buffer.
type csvRows struct {
	f   *os.File
	r   *csv.Reader
	row int
}

// countingReader tells read of every byte that passes.
type countingReader struct {
	r    io.Reader
	read func(n int)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.read(n)
	}
	return n, err
}

func openCSV(path string, read func(int)) (*csvRows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var r io.Reader = f
	if read != nil {
		r = countingReader{f, read}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\ufeff")) {
		br.Discard(3)
	}
	head, _ := br.Peek(64 << 10)
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1 // short rows are padded with empty cells, long ones cut to the header
	cr.ReuseRecord = true
	return &csvRows{f: f, r: cr}, nil
}

// sniffDelimiter picks the separator of the first line: Indonesian-locale spreadsheet programs write CSV with ';'
// because ',' is their decimal separator; some tools write tabs.
func sniffDelimiter(head []byte) rune {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	best, bestN := ',', bytes.Count(line, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if n := bytes.Count(line, []byte(string(d))); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

func (c *csvRows) Next() (int, []string, error) {
	rec, err := c.r.Read()
	c.row++
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return c.row, nil, &rowError{row: c.row, msg: "the line cannot be read as CSV: " + pe.Err.Error(),
				id: "baris tidak dapat dibaca sebagai CSV: " + pe.Err.Error()}
		}
		return c.row, nil, err
	}
	return c.row, rec, nil
}

func (c *csvRows) Date1904() bool { return false }
func (c *csvRows) Close() error   { return c.f.Close() }

// xlsxRows reads the first sheet of a workbook with excelize's streaming row iterator. Worksheets and shared-string
// tables larger than xlsxXMLInMemory are unzipped to temporary files and read from there, so memory does not grow
// with the sheet; Close removes the temporary files.
type xlsxRows struct {
	f        *excelize.File
	rows     *excelize.Rows
	row      int
	date1904 bool
}

// Limits of XLSX reading: the most a workbook may unzip to (a zip bomb stops here), and the largest part kept in
// memory rather than in a temporary file.
const (
	xlsxMaxUnzipped = 1 << 30
	xlsxXMLInMemory = 4 << 20
)

func openXLSX(path string) (x *xlsxRows, err error) {
	defer func() {
		// excelize parses untrusted input; a malformed workbook must be an error, never a crash of the server.
		if r := recover(); r != nil {
			x, err = nil, errFile("buku kerja XLSX rusak dan tidak dapat dibaca", "the XLSX workbook is damaged and cannot be read")
		}
	}()
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: xlsxMaxUnzipped, UnzipXMLSizeLimit: xlsxXMLInMemory})
	if err != nil {
		return nil, errFile("buku kerja XLSX tidak dapat dibaca: "+xlsxErrText(err), "the XLSX workbook cannot be read: "+xlsxErrText(err))
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errFile("buku kerja XLSX tidak memiliki lembar kerja", "the XLSX workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, errFile("lembar kerja pertama buku kerja XLSX tidak dapat dibaca: "+xlsxErrText(err),
			"the first sheet of the XLSX workbook cannot be read: "+xlsxErrText(err))
	}
	x = &xlsxRows{f: f, rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.date1904 = *props.Date1904
	}
	return x, nil
}

// xlsxErrText keeps the messages of excelize that help a user (size limits, not a workbook) and hides the rest.
func xlsxErrText(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), strings.Contains(err.Error(), "zip: not a valid zip file"):
		return "not an XLSX workbook"
	case strings.Contains(err.Error(), "unzip size"):
		return "it unpacks to more than 1 GiB"
	}
	return "the workbook is damaged"
}

func (x *xlsxRows) Next() (row int, cells []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			row, cells, err = x.row, nil, errFile("buku kerja XLSX rusak dan tidak dapat dibaca", "the XLSX workbook is damaged and cannot be read")
		}
	}()
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return x.row, nil, errFile("lembar kerja XLSX tidak dapat dibaca: "+xlsxErrText(err), "the XLSX sheet cannot be read: "+xlsxErrText(err))
		}
		return x.row, nil, io.EOF
	}
	x.row++
	cells, err = x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return x.row, nil, &rowError{row: x.row, msg: "the row cannot be read from the workbook", id: "baris tidak dapat dibaca dari buku kerja"}
	}
	return x.row, cells, nil
}

func (x *xlsxRows) Date1904() bool { return x.date1904 }

func (x *xlsxRows) Close() error {
	err := x.rows.Close()
	return errors.Join(err, x.f.Close())
}
