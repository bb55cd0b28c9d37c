/**
 * The REST routes only the browser dashboard calls (docs/DASHBOARD_API.md): its key-backed sessions,
 * the timeline and charts, why a job did not run, the change stream and bulk actions. Part of the
 * REST front door ({@code http}), registered by it through {@link io.kronforce.controller.http.dashboard.DashboardApi}.
 */
package io.kronforce.controller.http.dashboard;
