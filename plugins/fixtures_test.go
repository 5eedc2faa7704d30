package plugins_test

import (
	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

func appraisalFor(e career.Employee) evaluation.Appraisal {
	at := career.MustDate(on.Year()-1, 12, 15)
	return evaluation.Appraisal{ID: "a-1", Employee: e, Period: evaluation.Period{Year: on.Year() - 1},
		Entries: []evaluation.Entry{
			{Source: evaluation.Superior, Rater: "x", Aspect: evaluation.Hasil, Value: evaluation.DiAtas, At: at},
			{Source: evaluation.Superior, Rater: "x", Aspect: evaluation.Perilaku, Value: evaluation.DiBawah, At: at, Note: "terlambat"},
		}}
}
