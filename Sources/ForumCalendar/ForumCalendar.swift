import ForumModel
