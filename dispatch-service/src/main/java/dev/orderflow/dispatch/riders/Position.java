package dev.orderflow.dispatch.riders;

/** A point on earth in degrees. */
public record Position(double lat, double lng) {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** Great-circle distance (haversine). */
    public double kmTo(Position other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLng = Math.toRadians(other.lng - lng);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat)) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }
}
