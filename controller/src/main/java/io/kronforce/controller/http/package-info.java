/**
 * The REST front door: one endpoint class per resource, each route declaring its access in the
 * shared route table ({@code web}). Calls use cases only: never the store, never another front door.
 */
package io.kronforce.controller.http;
