"""newsweave: overlapping news articles into verified stories."""
