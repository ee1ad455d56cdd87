//! gwr-export
