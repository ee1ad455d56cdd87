//! gwr-store
