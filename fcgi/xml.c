/*
 * xml — small readers over a libxml2 tree, shared by header reading and fact extraction,
 * so that neither walks children or copies strings by hand.
 */
#include <stdio.h>
#include <string.h>

#include "baocao/xml.h"

xmlNodePtr
bc_xml_first_element(xmlNodePtr parent)
{
	xmlNodePtr n;

	for (n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr
bc_xml_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	for (n = bc_xml_first_element(parent); n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

xmlNodePtr
bc_xml_next(xmlNodePtr node)
{
	xmlNodePtr n;

	for (n = node->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, node->name))
			return n;
	return NULL;
}

static int
copy_out(xmlChar *s, char *buf, size_t size)
{
	size_t n;
	int rc = 0;

	buf[0] = '\0';
	if (s == NULL)
		return -1;
	n = strlen((const char *)s);
	if (n >= size) {
		n = size - 1;
		rc = -1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	xmlFree(s);
	return rc;
}

int
bc_xml_text(xmlNodePtr node, char *buf, size_t size)
{
	return copy_out(node != NULL ? xmlNodeGetContent(node) : NULL, buf, size);
}

int
bc_xml_attr(xmlNodePtr node, const char *name, char *buf, size_t size)
{
	return copy_out(node != NULL ? xmlGetProp(node, (const xmlChar *)name) : NULL,
	    buf, size);
}

static unsigned
position(xmlNodePtr node)
{
	xmlNodePtr n;
	unsigned i = 1;

	for (n = node->prev; n != NULL; n = n->prev)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, node->name))
			i++;
	return i;
}

void
bc_xml_path(xmlNodePtr node, char *buf, size_t size)
{
	char tail[1024] = "", step[1100];

	for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent) {
		if (node->parent == NULL || node->parent->type != XML_ELEMENT_NODE)
			snprintf(step, sizeof(step), "/%s%s", (const char *)node->name, tail);
		else
			snprintf(step, sizeof(step), "/%s[%u]%s", (const char *)node->name,
			    position(node), tail);
		memcpy(tail, step, sizeof(tail) - 1);	/* a path deeper than that is cut */
		tail[sizeof(tail) - 1] = '\0';
	}
	snprintf(buf, size, "%s", tail);
}
