package api

import (
	"context"
)

// PolicyParam is one published parameter of a region policy.
type PolicyParam struct {
	Name  string `json:"name" example:"promotion.min_years_regular"`
	Value string `json:"value" example:"4"`
	Text  string `json:"text" doc:"What it means, in the request language"`
}

// PolicyOutput is the Describe of the policy bound to a region.
type PolicyOutput struct {
	Body struct {
		Region   string        `json:"region" example:"kalianda" doc:"The region asked about"`
		Policy   string        `json:"policy" example:"kalianda" doc:"The region code of the policy: national or a plugin's"`
		Name     string        `json:"name"`
		Version  string        `json:"version" example:"1.0.0"`
		Protocol int           `json:"protocol" example:"1"`
		Params   []PolicyParam `json:"params"`
		Rules    []string      `json:"rules" doc:"The rules in prose, in the request language"`
	}
}

func (s *server) getPolicy(ctx context.Context, in *RegionPath) (*PolicyOutput, error) {
	r, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	lang, d := langOf(ctx), pol.desc
	out := &PolicyOutput{}
	out.Body.Region, out.Body.Policy, out.Body.Name, out.Body.Version, out.Body.Protocol = r.Code, d.Region, d.Name, d.Version, d.Protocol
	out.Body.Params = make([]PolicyParam, len(d.Params))
	for i, p := range d.Params {
		out.Body.Params[i] = PolicyParam{Name: p.Name, Value: p.Value, Text: p.Text.In(lang)}
	}
	out.Body.Rules = make([]string, len(d.Rules))
	for i, r := range d.Rules {
		out.Body.Rules[i] = r.In(lang)
	}
	return out, nil
}
