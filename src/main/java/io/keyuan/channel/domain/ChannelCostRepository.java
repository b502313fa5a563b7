package io.keyuan.channel.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChannelCostRepository extends JpaRepository<ChannelCost, Long> {
    List<ChannelCost> findByChannelIdOrderByMonthDesc(long channelId);

    Optional<ChannelCost> findByChannelIdAndMonth(long channelId, LocalDate month);

    @org.springframework.data.jpa.repository.Modifying
    @org.springframework.data.jpa.repository.Query("DELETE FROM ChannelCost c WHERE c.channelId = :channelId")
    int deleteAllOfChannel(@org.springframework.data.repository.query.Param("channelId") long channelId);
}
