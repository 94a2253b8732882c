package dev.orderflow.kwiksandbox.booking;

/** A pickup or delivery point as the merchant sent it; coordinates may be missing. */
public record Place(String address, String name, String phone, Double latitude, Double longitude) {

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }

    /** Straight-line distance in km (0 when either side has no coordinates). */
    public double kmTo(Place other) {
        if (!hasCoordinates() || !other.hasCoordinates()) {
            return 0;
        }
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLng = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(latitude))
                * Math.cos(Math.toRadians(other.latitude)) * Math.pow(Math.sin(dLng / 2), 2);
        return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /** The point {@code fraction} of the way to {@code other}, or null without coordinates. */
    public double[] towards(Place other, double fraction) {
        if (!hasCoordinates() || !other.hasCoordinates()) {
            return null;
        }
        return new double[] {latitude + (other.latitude - latitude) * fraction,
                longitude + (other.longitude - longitude) * fraction};
    }
}
