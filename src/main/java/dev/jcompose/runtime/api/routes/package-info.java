/**
 * Docker Engine API routes of the embedded engine, one class per resource, each registering its handlers on the
 * {@link dev.jcompose.runtime.api.Router}. They translate between the API's shapes (field names, query
 * conventions, JSON message streams) and the runtime parts; the parts know nothing of HTTP.
 */
package dev.jcompose.runtime.api.routes;
