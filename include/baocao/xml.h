/*
 * xml — the few tree helpers every reader of a validated document needs: the n-th element
 * child by local name, text and attributes copied into fixed buffers. They assume the
 * document passed its schema, so they look only at local names.
 */
#ifndef BAOCAO_XML_H
#define BAOCAO_XML_H

#include <stddef.h>
#include <libxml/tree.h>

/* First element child of parent with this local name, or NULL. */
xmlNodePtr bc_xml_child(xmlNodePtr parent, const char *name);
/* Next element sibling after node with the same local name, or NULL. */
xmlNodePtr bc_xml_next(xmlNodePtr node);
/* First element child of any name, or NULL. */
xmlNodePtr bc_xml_first_element(xmlNodePtr parent);
/* Text content / attribute value into buf (truncated, always terminated); 0 if present
 * and fitting, -1 otherwise (buf then holds "" or the truncated text). */
int bc_xml_text(xmlNodePtr node, char *buf, size_t size);
int bc_xml_attr(xmlNodePtr node, const char *name, char *buf, size_t size);

/* "/Root/Child[2]/Leaf[1]": local names, each with its position among same-named siblings. */
void bc_xml_path(xmlNodePtr node, char *buf, size_t size);

#endif
