/**
 * Writing results: atomic file writes, JSON, markdown tables, paired tests and statistics, and the PNG/SVG
 * plots. Used by {@code experiment} and {@code cli}; nothing here knows about models.
 */
package io.risbnn.report;
