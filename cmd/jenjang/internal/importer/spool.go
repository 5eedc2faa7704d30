package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"os"
	"strconv"
)

// spooler keeps the valid rows of an XLSX file in a temporary CSV file during pass 1, each prefixed with its row
// number, so that pass 2 reads them back with encoding/csv instead of unzipping and parsing the sheet's XML a second
// time (which costs ~8× reading CSV). Only the cells the importer reads are kept. Memory stays flat: the rows go to
// disk as they come.
type spooler struct {
	f     *os.File
	bw    *bufio.Writer
	w     *csv.Writer
	width int // cells kept per row: up to the last column the importer reads
	rec   []string
}

func newSpooler(lay layout) (*spooler, error) {
	f, err := os.CreateTemp("", "jenjang-import-spool-*.csv")
	if err != nil {
		return nil, err
	}
	width := 0
	for _, u := range lay.used {
		width = max(width, u.idx+1)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	return &spooler{f: f, bw: bw, w: csv.NewWriter(bw), width: width, rec: make([]string, 0, width+1)}, nil
}

func (s *spooler) write(row int, cells []string) error {
	s.rec = append(s.rec[:0], strconv.Itoa(row))
	s.rec = append(s.rec, cells[:min(len(cells), s.width)]...)
	return s.w.Write(s.rec)
}

func (s *spooler) flush() error {
	s.w.Flush()
	if err := s.w.Error(); err != nil {
		return err
	}
	return s.bw.Flush()
}

// open returns a reader of the spooled rows, with their own row numbers.
func (s *spooler) open() (rowReader, error) {
	c, err := openCSV(s.f.Name(), nil)
	if err != nil {
		return nil, err
	}
	c.r.Comma = ','
	return spoolRows{c}, nil
}

// spoolRows reads a spool: the first cell of each record is the row number in the original file.
type spoolRows struct{ *csvRows }

func (s spoolRows) Next() (int, []string, error) {
	_, rec, err := s.csvRows.Next()
	if err != nil {
		return 0, nil, err
	}
	if len(rec) == 0 {
		return 0, nil, errors.New("import: empty spool record")
	}
	row, err := strconv.Atoi(rec[0])
	if err != nil {
		return 0, nil, errors.New("import: damaged spool")
	}
	return row, rec[1:], nil
}

// removeSpool deletes the spool file, if any.
func (v *validator) removeSpool() {
	if v.spool != nil {
		v.spool.f.Close()
		os.Remove(v.spool.f.Name())
	}
}
