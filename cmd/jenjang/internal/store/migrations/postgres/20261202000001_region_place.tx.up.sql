-- Where a region's government sits, so that a transfer check knows who decides a move (PP 11/2017 Pasal 190):
-- a regency's or city's government names its regency and province, a province's own government its province.
ALTER TABLE regions ADD COLUMN regency TEXT NOT NULL DEFAULT '';

--bun:split

ALTER TABLE regions ADD COLUMN province TEXT NOT NULL DEFAULT '';
