// Package plugins is the region policy of Jenjang: one Policy face composing the domain policies of packages career,
// evaluation, training, mentoring and promotion; the national baseline every region starts from (National); and the
// hashicorp/go-plugin host and SDK through which a region ships its policy as a separate binary.
package plugins

import (
	"context"
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// ProtocolVersion is the version of the plugin protocol (proto package jenjang.policy.v1).
const ProtocolVersion = 1

// Policy is a region's whole policy: the domain policies plus Describe. A region plugin embeds *Baseline (see
// National) and overrides what differs.
type Policy interface {
	Describe(ctx context.Context) (Description, error)
	career.Policy
	evaluation.Policy
	training.Policy
	mentoring.Policy
	promotion.Policy
}

// Param is one parameter of a policy with its current value, published so the HR office can read it.
type Param struct {
	Name  string         // "promotion.min_years_regular"
	Value string         // "4"
	Text  career.Message // what it means
}

// NewParam returns the parameter name with value v (formatted with fmt.Sprint) and its meaning in Indonesian (id)
// and English (en), for a policy's Describe.
func NewParam(name string, v any, id, en string) Param {
	return Param{Name: name, Value: fmt.Sprint(v), Text: career.Message{ID: id, EN: en}}
}

// Description says what a policy is: DESIGN §5 asks for region code and name, policy version, protocol version,
// parameters and a readable summary of its rules.
type Description struct {
	Region   string // "kalianda"; "national" for the baseline
	Name     string // "Kabupaten Lampung Selatan (Kalianda)"
	Version  string // the policy's own version, "1.0.0"
	Protocol int    // ProtocolVersion the policy speaks
	Params   []Param
	Rules    []career.Message // the rules in prose, Indonesian and English
}

// Ref returns the policy reference decisions carry.
func (d Description) Ref() career.PolicyRef {
	return career.PolicyRef{Region: d.Region, Version: d.Version}
}
