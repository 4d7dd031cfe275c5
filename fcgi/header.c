/*
 * header — reads the common header every report type starts with (PROTOCOL.md) into a
 * struct bc_header: DocumentId (lower-cased, the form it is stored and addressed in),
 * ReportingUnit, the period in its cadence's form, Supersedes, PreparedBy (normalised to
 * NFC, as all text the service stores) and PreparedAt. The schema has already
 * checked every form; what it cannot check (a real calendar year) is a violation here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/ingest.h"
#include "baocao/nfc.h"
#include "baocao/xml.h"

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void
trim_copy(char *out, size_t size, const char *in)
{
	size_t n;

	while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\n' ||
	    in[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(out, in, n);
	out[n] = '\0';
}

static enum bc_err
read_period(struct bc_report *r, xmlNodePtr period, struct bc_violations *v)
{
	struct bc_header *h = &r->header;
	xmlNodePtr form = bc_xml_first_element(period);
	char text[64], as_of[16];
	int cadence;

	if (form == NULL || (cadence = bc_cadence_from_element((const char *)form->name)) < 0)
		return BC_E_INTERNAL;	/* the schema guarantees one of the forms */
	h->period_line = (unsigned long)xmlGetLineNo(form);
	memset(&h->period, 0, sizeof(h->period));
	if (cadence == BC_CADENCE_ADHOC) {
		h->period.cadence = BC_CADENCE_ADHOC;
		bc_xml_attr(form, "request", h->period.request, sizeof(h->period.request));
		bc_xml_attr(form, "asOf", as_of, sizeof(as_of));
		if (bc_date_parse(&h->period.as_of, as_of) == 0)
			h->period.year = h->period.as_of.year;
	} else {
		bc_xml_text(form, text, sizeof(text));
		if (bc_period_parse(&h->period, (enum bc_cadence)cadence, text) != 0) {
			bc_ingest_violation(r, form, "", "period", v, "\"%s\" is not a %s period "
			    "this service can file (years 1900–9999).", text, bc_cadence_name((enum bc_cadence)cadence));
			return BC_E_INVALID;
		}
	}
	if (bc_period_format(h->period_name, sizeof(h->period_name), &h->period) < 0) {
		bc_ingest_violation(r, form, "", "period", v, "The period is outside the range "
		    "this service can file (years 1900–9999).");
		return BC_E_INVALID;
	}
	return BC_OK;
}

enum bc_err
bc_header_read(struct bc_report *r, struct bc_violations *v)
{
	struct bc_header *h = &r->header;
	xmlNodePtr hdr = bc_xml_child(xmlDocGetRootElement(r->doc), "Header"), n;
	char raw[sizeof(h->prepared_by)];

	memset(h, 0, sizeof(*h));
	if (hdr == NULL)
		return BC_E_INTERNAL;
	bc_xml_text(bc_xml_child(hdr, "DocumentId"), h->document_id, sizeof(h->document_id));
	lower(h->document_id);
	n = bc_xml_child(hdr, "ReportingUnit");
	bc_xml_attr(n, "code", h->unit_code, sizeof(h->unit_code));
	h->unit_line = n != NULL ? (unsigned long)xmlGetLineNo(n) : 0;
	if ((n = bc_xml_child(hdr, "Supersedes")) != NULL) {
		bc_xml_text(n, h->supersedes, sizeof(h->supersedes));
		lower(h->supersedes);
		h->supersedes_line = (unsigned long)xmlGetLineNo(n);
	}
	bc_xml_text(bc_xml_child(hdr, "PreparedBy"), raw, sizeof(raw));
	if (bc_nfc(raw, h->prepared_by, sizeof(h->prepared_by)) != 0)
		snprintf(h->prepared_by, sizeof(h->prepared_by), "%s", raw);
	/* xs:dateTime collapses white space, so the schema let it through: drop it here */
	bc_xml_text(bc_xml_child(hdr, "PreparedAt"), raw, sizeof(raw));
	trim_copy(h->prepared_at, sizeof(h->prepared_at), raw);
	return read_period(r, bc_xml_child(hdr, "Period"), v);
}
